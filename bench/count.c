/* LD_PRELOAD shim for `make bench`: counts heap allocations (malloc,
 * calloc, realloc) and getsockopt calls made by anyone in the process. The
 * harness finds the counters with dlsym(RTLD_DEFAULT, "bench_counts") and
 * reads them around each measured loop. Forwarding goes to glibc's own
 * entry points (__libc_malloc, ...) and to the raw system call, so the shim
 * itself never allocates.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { C_MALLOC, C_CALLOC, C_REALLOC, C_GETSOCKOPT, C_N };
unsigned long bench_counts[C_N];

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

void *malloc(size_t n)
{
	__atomic_fetch_add(&bench_counts[C_MALLOC], 1, __ATOMIC_RELAXED);
	return __libc_malloc(n);
}

void *calloc(size_t a, size_t b)
{
	__atomic_fetch_add(&bench_counts[C_CALLOC], 1, __ATOMIC_RELAXED);
	return __libc_calloc(a, b);
}

void *realloc(void *p, size_t n)
{
	__atomic_fetch_add(&bench_counts[C_REALLOC], 1, __ATOMIC_RELAXED);
	return __libc_realloc(p, n);
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	__atomic_fetch_add(&bench_counts[C_GETSOCKOPT], 1, __ATOMIC_RELAXED);
	return syscall(SYS_getsockopt, fd, level, name, val, len);
}
