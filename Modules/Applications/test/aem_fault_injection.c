/*=========================================================================
 *
 *  Copyright the ITKAnalyticalEM contributors
 *
 *  Licensed under the Apache License, Version 2.0 (the "License");
 *  you may not use this file except in compliance with the License.
 *  You may obtain a copy of the License at
 *
 *         http://www.apache.org/licenses/LICENSE-2.0.txt
 *
 *  Unless required by applicable law or agreed to in writing, software
 *  distributed under the License is distributed on an "AS IS" BASIS,
 *  WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 *  See the License for the specific language governing permissions and
 *  limitations under the License.
 *
 *=========================================================================*/
/* A fault injector for the programs' tests, loaded with LD_PRELOAD. It acts only on files under
 * the folder AEM_FAULT_DIR:
 *   AEM_FAULT_WRITE_BUDGET=N   the first N bytes written succeed, then every write fails with
 *                              ENOSPC (a disk that fills up at any point of a run);
 *   AEM_FAULT_FSYNC=fail       every fsync fails with EIO;
 *   AEM_FAULT_RENAME_FAIL=K    the K-th rename fails with EIO;
 *   AEM_FAULT_RENAME_KILL=K    the process is killed (SIGKILL) at its K-th rename.
 * Writes through write, pwrite, writev and fwrite are counted (C++ streams and HDF5 use these), by
 * the process and by the children it forks (the HSPY writer's): they share one budget, as they
 * share one disk. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long long * budget = NULL; /* bytes left, shared with forked children; -1: unlimited */
static long        renames = 0;

__attribute__((constructor)) static void
Start(void)
{
  budget = mmap(NULL, sizeof(*budget), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (budget == MAP_FAILED)
  {
    abort();
  }
  const char * text = getenv("AEM_FAULT_WRITE_BUDGET");
  *budget = text != NULL ? atoll(text) : -1;
}

static const char *
Folder(void)
{
  return getenv("AEM_FAULT_DIR");
}

static long long
Number(const char * name)
{
  const char * text = getenv(name);
  return text != NULL ? atoll(text) : -1;
}

static int
Inside(const char * path)
{
  const char * folder = Folder();
  return folder != NULL && path != NULL && strncmp(path, folder, strlen(folder)) == 0;
}

/* Whether descriptor fd is a regular file under the folder. */
static int
Watched(int fd)
{
  char        link[64], path[PATH_MAX];
  struct stat status;
  if (Folder() == NULL || fstat(fd, &status) != 0 || !S_ISREG(status.st_mode))
  {
    return 0;
  }
  snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
  const ssize_t length = readlink(link, path, sizeof(path) - 1);
  if (length <= 0)
  {
    return 0;
  }
  path[length] = '\0';
  return Inside(path);
}

/* How many of size bytes may be written to fd; 0 with errno ENOSPC when none. */
static size_t
Allowed(int fd, size_t size)
{
  if (*budget < 0 || size == 0 || !Watched(fd))
  {
    return size;
  }
  long long left = __atomic_load_n(budget, __ATOMIC_SEQ_CST);
  size_t    allowed;
  do
  {
    allowed = (long long)size <= left ? size : (size_t)left;
  } while (
    !__atomic_compare_exchange_n(budget, &left, left - (long long)allowed, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
  if (allowed == 0)
  {
    errno = ENOSPC;
  }
  return allowed;
}

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

ssize_t
write(int fd, const void * data, size_t size)
{
  const size_t allowed = Allowed(fd, size);
  return allowed == 0 && size > 0 ? -1 : REAL(write)(fd, data, allowed);
}

ssize_t
pwrite(int fd, const void * data, size_t size, off_t offset)
{
  const size_t allowed = Allowed(fd, size);
  return allowed == 0 && size > 0 ? -1 : REAL(pwrite)(fd, data, allowed, offset);
}

ssize_t
pwrite64(int fd, const void * data, size_t size, off_t offset)
{
  const size_t allowed = Allowed(fd, size);
  return allowed == 0 && size > 0 ? -1 : REAL(pwrite64)(fd, data, allowed, offset);
}

ssize_t
writev(int fd, const struct iovec * parts, int count)
{
  size_t size = 0;
  for (int i = 0; i < count; ++i)
  {
    size += parts[i].iov_len;
  }
  size_t allowed = Allowed(fd, size);
  if (allowed == size)
  {
    return REAL(writev)(fd, parts, count);
  }
  if (allowed == 0)
  {
    return -1;
  }
  /* A short write: the first allowed bytes. */
  ssize_t done = 0;
  for (int i = 0; i < count && allowed > 0; ++i)
  {
    const size_t  take = parts[i].iov_len < allowed ? parts[i].iov_len : allowed;
    const ssize_t got = REAL(write)(fd, parts[i].iov_base, take);
    if (got < 0)
    {
      return done > 0 ? done : -1;
    }
    done += got;
    allowed -= take;
  }
  return done;
}

size_t
fwrite(const void * data, size_t size, size_t count, FILE * stream)
{
  if (size == 0 || count == 0)
  {
    return 0;
  }
  const size_t allowed = Allowed(fileno(stream), size * count);
  return REAL(fwrite)(data, 1, allowed, stream) / size;
}

int
fsync(int fd)
{
  const char * mode = getenv("AEM_FAULT_FSYNC");
  if (mode != NULL && strcmp(mode, "fail") == 0 && Folder() != NULL)
  {
    errno = EIO;
    return -1;
  }
  return REAL(fsync)(fd);
}

int
rename(const char * from, const char * to)
{
  if (Inside(to) || Inside(from))
  {
    ++renames;
    if (renames == Number("AEM_FAULT_RENAME_KILL"))
    {
      kill(getpid(), SIGKILL);
    }
    if (renames == Number("AEM_FAULT_RENAME_FAIL"))
    {
      errno = EIO;
      return -1;
    }
  }
  return REAL(rename)(from, to);
}
