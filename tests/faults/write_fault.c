/* Faults while writing, for tests only: an LD_PRELOAD library that makes the file
 * operations of the pipeline binary fail, or stops the process in the middle of a write,
 * as told by environment variables. Nothing happens without them.
 *
 *   WRITE_FAULT_PATH=TEXT       the files concerned: those whose path contains TEXT
 *                               (default ".tmp-", the temporary files of atomic writes)
 *   WRITE_FAULT_WRITE=ERRNO     write(), pwrite(), writev() to such a file write at most
 *                               WRITE_FAULT_AFTER bytes in all (a short write), then fail
 *                               with ERRNO (ENOSPC, EIO, EDQUOT, EROFS, EACCES, EPERM)
 *   WRITE_FAULT_AFTER=N         bytes written before the failure or the stop (default 0)
 *   WRITE_FAULT_FSYNC=ERRNO     fsync() and fdatasync() of such a file fail
 *   WRITE_FAULT_CLOSE=ERRNO     close() of such a file closes it but reports ERRNO
 *   WRITE_FAULT_OPEN=ERRNO      creating such a file (open, openat, mkstemp, ...) fails
 *   WRITE_FAULT_RENAME=ERRNO    rename() and renameat() of such a file fail
 *   WRITE_FAULT_LINK=ERRNO      link() and linkat() of such a file fail
 *   WRITE_FAULT_STOP=write      after WRITE_FAULT_AFTER bytes of such a file are written,
 *                               the process stops itself (SIGSTOP), so that a test can
 *                               kill it there or let it go on (SIGCONT);
 *                               WRITE_FAULT_STOP=rename stops it just before such a file
 *                               is renamed or linked, WRITE_FAULT_STOP=lock just before
 *                               it locks such a file (flock)
 *   WRITE_FAULT_LOG=FILE        appends "open PATH" for every file or folder opened and
 *                               "exec PATH" for every program the process tries to run
 *                               (and "exec (fork)" for every fork)
 *   WRITE_FAULT_NO_EXEC=1       every attempt to run a program (exec*, posix_spawn*,
 *                               system, popen, fork) fails, and is logged
 *
 * The library is built without sanitizers; see tests/CMakeLists.txt.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_FDS 4096

static unsigned char tracked[MAX_FDS]; /* fds of the files concerned */
static unsigned long long written;     /* bytes written to them so far */

static const char* env(const char* name) {
    const char* v = getenv(name);
    return v && *v ? v : NULL;
}

static int errno_named(const char* name) {
    static const struct {
        const char* name;
        int value;
    } known[] = {{"ENOSPC", ENOSPC}, {"EIO", EIO},     {"EDQUOT", EDQUOT}, {"EROFS", EROFS},
                 {"EACCES", EACCES}, {"EPERM", EPERM}, {"EXDEV", EXDEV},   {"EINTR", EINTR}};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; ++i)
        if (strcmp(known[i].name, name) == 0) return known[i].value;
    return EIO;
}

/* The errno to fail with for `variable`, or 0. */
static int fault(const char* variable) {
    const char* v = env(variable);
    return v ? errno_named(v) : 0;
}

static int concerns(const char* path) {
    const char* pattern = env("WRITE_FAULT_PATH");
    if (!pattern) pattern = ".tmp-";
    return path && strstr(path, pattern) != NULL;
}

static unsigned long long limit(void) {
    const char* v = env("WRITE_FAULT_AFTER");
    return v ? strtoull(v, NULL, 10) : 0;
}

static void log_line(const char* what, const char* path) {
    const char* file = env("WRITE_FAULT_LOG");
    if (!file || !path) return;
    static int (*real_open)(const char*, int, ...);
    if (!real_open) real_open = (int (*)(const char*, int, ...))dlsym(RTLD_NEXT, "open");
    const int saved = errno;
    const int fd = real_open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0) {
        char line[4200];
        const int n = snprintf(line, sizeof line, "%s %s\n", what, path);
        static ssize_t (*real_write)(int, const void*, size_t);
        if (!real_write) real_write = (ssize_t(*)(int, const void*, size_t))dlsym(RTLD_NEXT, "write");
        if (n > 0) real_write(fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
        close(fd);
    }
    errno = saved;
}

static void track(int fd, const char* path) {
    if (fd >= 0 && fd < MAX_FDS) tracked[fd] = (unsigned char)concerns(path);
}

static int is_tracked(int fd) { return fd >= 0 && fd < MAX_FDS && tracked[fd]; }

static int stop_at(const char* where) {
    const char* v = env("WRITE_FAULT_STOP");
    return v && strcmp(v, where) == 0;
}

/* ---- opening ---- */

#define REAL(type, name, args) static type(*real_##name) args; \
    if (!real_##name) real_##name = (type(*) args)dlsym(RTLD_NEXT, #name)

static int creating(const char* path, int flags) {
    return (flags & (O_CREAT | O_WRONLY | O_RDWR)) != 0 && concerns(path);
}

static int opened(int fd, const char* path) {
    if (fd >= 0) {
        track(fd, path);
        log_line("open", path);
    }
    return fd;
}

#define OPEN_BODY(name, call)                                     \
    mode_t mode = 0;                                              \
    if (flags & (O_CREAT | O_TMPFILE)) {                          \
        va_list ap;                                               \
        va_start(ap, flags);                                      \
        mode = (mode_t)va_arg(ap, int);                           \
        va_end(ap);                                               \
    }                                                             \
    int e = fault("WRITE_FAULT_OPEN");                            \
    if (e && creating(path, flags)) {                             \
        errno = e;                                                \
        return -1;                                                \
    }                                                             \
    return opened(call, path)

int open(const char* path, int flags, ...) {
    REAL(int, open, (const char*, int, ...));
    OPEN_BODY(open, real_open(path, flags, mode));
}
int open64(const char* path, int flags, ...) {
    REAL(int, open64, (const char*, int, ...));
    OPEN_BODY(open64, real_open64(path, flags, mode));
}
int openat(int dir, const char* path, int flags, ...) {
    REAL(int, openat, (int, const char*, int, ...));
    OPEN_BODY(openat, real_openat(dir, path, flags, mode));
}
int openat64(int dir, const char* path, int flags, ...) {
    REAL(int, openat64, (int, const char*, int, ...));
    OPEN_BODY(openat64, real_openat64(dir, path, flags, mode));
}
int __open_2(const char* path, int flags) { return open(path, flags); }
int __open64_2(const char* path, int flags) { return open64(path, flags); }
int __openat_2(int dir, const char* path, int flags) { return openat(dir, path, flags); }
int __openat64_2(int dir, const char* path, int flags) { return openat64(dir, path, flags); }

int creat(const char* path, mode_t mode) { return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode); }
int creat64(const char* path, mode_t mode) { return open64(path, O_CREAT | O_WRONLY | O_TRUNC, mode); }

#define MKSTEMP(name, params, args)                   \
    int name params {                                 \
        REAL(int, name, params);                      \
        int e = fault("WRITE_FAULT_OPEN");            \
        if (e && concerns(templ)) {                   \
            errno = e;                                \
            return -1;                                \
        }                                             \
        return opened(real_##name args, templ);       \
    }
MKSTEMP(mkstemp, (char* templ), (templ))
MKSTEMP(mkstemp64, (char* templ), (templ))
MKSTEMP(mkostemp, (char* templ, int flags), (templ, flags))
MKSTEMP(mkostemp64, (char* templ, int flags), (templ, flags))
MKSTEMP(mkstemps, (char* templ, int suffix), (templ, suffix))
MKSTEMP(mkostemps, (char* templ, int suffix, int flags), (templ, suffix, flags))

FILE* fopen(const char* path, const char* mode) {
    REAL(FILE*, fopen, (const char*, const char*));
    FILE* f = real_fopen(path, mode);
    if (f) opened(fileno(f), path);
    return f;
}

FILE* fopen64(const char* path, const char* mode) {
    REAL(FILE*, fopen64, (const char*, const char*));
    FILE* f = real_fopen64(path, mode);
    if (f) opened(fileno(f), path);
    return f;
}

DIR* opendir(const char* path) {
    REAL(DIR*, opendir, (const char*));
    DIR* d = real_opendir(path);
    if (d) log_line("open", path);
    return d;
}

int close(int fd) {
    REAL(int, close, (int));
    const int was = is_tracked(fd);
    if (fd >= 0 && fd < MAX_FDS) tracked[fd] = 0;
    const int r = real_close(fd);
    const int e = fault("WRITE_FAULT_CLOSE");
    if (r == 0 && was && e) {
        errno = e;
        return -1;
    }
    return r;
}

/* ---- writing ---- */

/* How many of `count` bytes may be written to `fd` now; -1 with errno set to fail. */
static ssize_t allowance(int fd, size_t count) {
    if (!is_tracked(fd)) return (ssize_t)count;
    const int e = fault("WRITE_FAULT_WRITE");
    const int stop = stop_at("write");
    if (!e && !stop) return (ssize_t)count;
    const unsigned long long n = limit();
    if (written >= n) {
        if (stop) {
            raise(SIGSTOP);
            return (ssize_t)count; /* resumed: carry on */
        }
        errno = e;
        return -1;
    }
    return (ssize_t)(count < n - written ? count : n - written);
}

ssize_t write(int fd, const void* buffer, size_t count) {
    REAL(ssize_t, write, (int, const void*, size_t));
    const ssize_t allowed = allowance(fd, count);
    if (allowed < 0) return -1;
    const ssize_t r = real_write(fd, buffer, (size_t)allowed);
    if (r > 0 && is_tracked(fd)) written += (unsigned long long)r;
    return r;
}

ssize_t pwrite(int fd, const void* buffer, size_t count, off_t offset) {
    REAL(ssize_t, pwrite, (int, const void*, size_t, off_t));
    const ssize_t allowed = allowance(fd, count);
    if (allowed < 0) return -1;
    const ssize_t r = real_pwrite(fd, buffer, (size_t)allowed, offset);
    if (r > 0 && is_tracked(fd)) written += (unsigned long long)r;
    return r;
}

ssize_t pwrite64(int fd, const void* buffer, size_t count, off_t offset) { return pwrite(fd, buffer, count, offset); }

ssize_t writev(int fd, const struct iovec* iov, int n) {
    REAL(ssize_t, writev, (int, const struct iovec*, int));
    if (!is_tracked(fd) || n <= 0) return real_writev(fd, iov, n);
    return write(fd, iov[0].iov_base, iov[0].iov_len); /* a short write is allowed */
}

int fsync(int fd) {
    REAL(int, fsync, (int));
    const int e = fault("WRITE_FAULT_FSYNC");
    if (e && is_tracked(fd)) {
        errno = e;
        return -1;
    }
    return real_fsync(fd);
}

int fdatasync(int fd) {
    REAL(int, fdatasync, (int));
    const int e = fault("WRITE_FAULT_FSYNC");
    if (e && is_tracked(fd)) {
        errno = e;
        return -1;
    }
    return real_fdatasync(fd);
}

int flock(int fd, int operation) {
    REAL(int, flock, (int, int));
    if (is_tracked(fd) && stop_at("lock")) raise(SIGSTOP);
    return real_flock(fd, operation);
}

/* ---- renaming and linking ---- */

static int before_rename(const char* from, const char* variable) {
    if (!concerns(from)) return 0;
    if (stop_at("rename")) raise(SIGSTOP);
    const int e = fault(variable);
    if (e) errno = e;
    return e;
}

int rename(const char* from, const char* to) {
    REAL(int, rename, (const char*, const char*));
    if (before_rename(from, "WRITE_FAULT_RENAME")) return -1;
    return real_rename(from, to);
}

int renameat(int from_dir, const char* from, int to_dir, const char* to) {
    REAL(int, renameat, (int, const char*, int, const char*));
    if (before_rename(from, "WRITE_FAULT_RENAME")) return -1;
    return real_renameat(from_dir, from, to_dir, to);
}

int renameat2(int from_dir, const char* from, int to_dir, const char* to, unsigned flags) {
    REAL(int, renameat2, (int, const char*, int, const char*, unsigned));
    if (before_rename(from, "WRITE_FAULT_RENAME")) return -1;
    return real_renameat2(from_dir, from, to_dir, to, flags);
}

int link(const char* from, const char* to) {
    REAL(int, link, (const char*, const char*));
    if (before_rename(from, "WRITE_FAULT_LINK")) return -1;
    return real_link(from, to);
}

int linkat(int from_dir, const char* from, int to_dir, const char* to, int flags) {
    REAL(int, linkat, (int, const char*, int, const char*, int));
    if (before_rename(from, "WRITE_FAULT_LINK")) return -1;
    return real_linkat(from_dir, from, to_dir, to, flags);
}

/* ---- running programs ---- */

static int refuse_exec(const char* path) {
    log_line("exec", path ? path : "(null)");
    if (env("WRITE_FAULT_NO_EXEC")) {
        errno = EPERM;
        return 1;
    }
    return 0;
}

int execve(const char* path, char* const argv[], char* const envp[]) {
    REAL(int, execve, (const char*, char* const[], char* const[]));
    if (refuse_exec(path)) return -1;
    return real_execve(path, argv, envp);
}

int execv(const char* path, char* const argv[]) {
    REAL(int, execv, (const char*, char* const[]));
    if (refuse_exec(path)) return -1;
    return real_execv(path, argv);
}

int execvp(const char* file, char* const argv[]) {
    REAL(int, execvp, (const char*, char* const[]));
    if (refuse_exec(file)) return -1;
    return real_execvp(file, argv);
}

int execvpe(const char* file, char* const argv[], char* const envp[]) {
    REAL(int, execvpe, (const char*, char* const[], char* const[]));
    if (refuse_exec(file)) return -1;
    return real_execvpe(file, argv, envp);
}

int fexecve(int fd, char* const argv[], char* const envp[]) {
    REAL(int, fexecve, (int, char* const[], char* const[]));
    if (refuse_exec("(fexecve)")) return -1;
    return real_fexecve(fd, argv, envp);
}

int posix_spawn(pid_t* pid, const char* path, const posix_spawn_file_actions_t* actions,
                const posix_spawnattr_t* attributes, char* const argv[], char* const envp[]) {
    REAL(int, posix_spawn, (pid_t*, const char*, const posix_spawn_file_actions_t*, const posix_spawnattr_t*,
                            char* const[], char* const[]));
    if (refuse_exec(path)) return EPERM;
    return real_posix_spawn(pid, path, actions, attributes, argv, envp);
}

int posix_spawnp(pid_t* pid, const char* file, const posix_spawn_file_actions_t* actions,
                 const posix_spawnattr_t* attributes, char* const argv[], char* const envp[]) {
    REAL(int, posix_spawnp, (pid_t*, const char*, const posix_spawn_file_actions_t*, const posix_spawnattr_t*,
                             char* const[], char* const[]));
    if (refuse_exec(file)) return EPERM;
    return real_posix_spawnp(pid, file, actions, attributes, argv, envp);
}

int system(const char* command) {
    REAL(int, system, (const char*));
    if (refuse_exec(command ? command : "(system)")) return -1;
    return real_system(command);
}

FILE* popen(const char* command, const char* type) {
    REAL(FILE*, popen, (const char*, const char*));
    if (refuse_exec(command)) return NULL;
    return real_popen(command, type);
}

pid_t fork(void) {
    REAL(pid_t, fork, (void));
    if (refuse_exec("(fork)")) return -1;
    return real_fork();
}

pid_t vfork(void) { return fork(); }
