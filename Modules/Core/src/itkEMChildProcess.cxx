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
#include "itkEMChildProcess.h"
#include "itkMacro.h"

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#define EM_CHILD_PROCESS_FORK 1
#endif

namespace itk
{
namespace EMChildProcess
{
namespace
{
std::atomic<double> idleLimit{ 30.0 };

// The pipe carries frames: a tag, a 64-bit length, then that many bytes.
constexpr char   BytesTag = 'B';
constexpr char   ErrorTag = 'E';
constexpr char   DoneTag = 'D';
constexpr size_t HeaderSize = 1 + sizeof(std::uint64_t);
constexpr size_t LongestError = 65536;

#ifdef EM_CHILD_PROCESS_FORK
bool
WriteAll(int descriptor, const char * data, size_t size)
{
  while (size > 0)
  {
    const ssize_t written = write(descriptor, data, size);
    if (written < 0 && errno == EINTR)
    {
      continue;
    }
    if (written <= 0)
    {
      return false;
    }
    data += written;
    size -= static_cast<size_t>(written);
  }
  return true;
}

bool
WriteFrame(int descriptor, char tag, const char * data, size_t size)
{
  char                header[HeaderSize];
  const std::uint64_t length = size;
  header[0] = tag;
  std::memcpy(header + 1, &length, sizeof(length));
  return WriteAll(descriptor, header, HeaderSize) && WriteAll(descriptor, data, size);
}

[[noreturn]] void
RunChild(int descriptor, const std::function<void(Channel &)> & work)
{
  // A crash ends this process only, without the host's crash handlers.
  for (const int signalNumber : { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT })
  {
    signal(signalNumber, SIG_DFL);
  }
  signal(SIGPIPE, SIG_IGN);
  std::string error;
  try
  {
    Channel channel(descriptor);
    work(channel);
    _exit(WriteFrame(descriptor, DoneTag, nullptr, 0) ? 0 : 2);
  }
  catch (const ExceptionObject & exception)
  {
    error = exception.GetDescription();
  }
  catch (const std::exception & exception)
  {
    error = exception.what();
  }
  error.resize(std::min(error.size(), LongestError));
  WriteFrame(descriptor, ErrorTag, error.data(), error.size());
  _exit(3);
}

// Splits the child's byte stream into frames.
class FrameReader
{
public:
  explicit FrameReader(const std::function<void(const char *, size_t)> & receive) : m_Receive(receive) {}

  // False when the stream is malformed.
  bool
  Consume(const char * data, size_t size)
  {
    while (size > 0)
    {
      if (m_HeaderFill < HeaderSize)
      {
        const size_t take = std::min(size, HeaderSize - m_HeaderFill);
        std::memcpy(m_Header + m_HeaderFill, data, take);
        m_HeaderFill += take;
        data += take;
        size -= take;
        if (m_HeaderFill == HeaderSize && !this->StartFrame())
        {
          return false;
        }
        continue;
      }
      const size_t take = static_cast<size_t>(std::min<std::uint64_t>(size, m_Remaining));
      if (m_Header[0] == BytesTag)
      {
        m_Receive(data, take);
      }
      else
      {
        Error.append(data, take);
      }
      data += take;
      size -= take;
      m_Remaining -= take;
      if (m_Remaining == 0)
      {
        m_HeaderFill = 0;
      }
    }
    return true;
  }

  bool        Done{ false };
  bool        Failed{ false };
  std::string Error;

private:
  bool
  StartFrame()
  {
    std::memcpy(&m_Remaining, m_Header + 1, sizeof(m_Remaining));
    const char tag = m_Header[0];
    if (Done || Failed || (tag != BytesTag && tag != ErrorTag && tag != DoneTag) ||
        (tag == DoneTag && m_Remaining != 0) || (tag == ErrorTag && m_Remaining > LongestError))
    {
      return false;
    }
    Done = tag == DoneTag;
    Failed = tag == ErrorTag;
    if (m_Remaining == 0)
    {
      m_HeaderFill = 0;
    }
    return true;
  }

  const std::function<void(const char *, size_t)> & m_Receive;
  char                                              m_Header[HeaderSize]{};
  size_t                                            m_HeaderFill{ 0 };
  std::uint64_t                                     m_Remaining{ 0 };
};

// Waits for the child; kills it when it has not ended within the idle limit. False when the
// status is unknown (a host that reaps children itself).
bool
Reap(pid_t child, int & status, bool kill)
{
  if (kill)
  {
    ::kill(child, SIGKILL);
  }
  for (double waited = 0.0;; waited += 0.01)
  {
    const pid_t ended = waitpid(child, &status, WNOHANG);
    if (ended == child)
    {
      return true;
    }
    if (ended < 0 && errno != EINTR)
    {
      return false;
    }
    if (waited > idleLimit.load())
    {
      ::kill(child, SIGKILL);
      while (waitpid(child, &status, 0) < 0 && errno == EINTR)
      {
      }
      return true;
    }
    usleep(10000);
  }
}

std::string
Describe(const std::string & what, bool timedOut, bool known, int status)
{
  if (timedOut)
  {
    return what + ": no answer for " + std::to_string(static_cast<long>(idleLimit.load())) +
           " s (the reader hung on this file and was stopped)";
  }
  if (known && WIFSIGNALED(status))
  {
    return what + ": the reader crashed on this file (signal " + std::to_string(WTERMSIG(status)) +
           "); it is corrupt or not what it claims to be";
  }
  return what + ": the reader ended without an answer" +
         (known && WIFEXITED(status) ? " (exit code " + std::to_string(WEXITSTATUS(status)) + ")" : std::string());
}
#endif
} // namespace

void
Channel::Send(const void * data, size_t size)
{
  if (m_Local)
  {
    m_Local(static_cast<const char *>(data), size);
    return;
  }
#ifdef EM_CHILD_PROCESS_FORK
  if (!WriteFrame(m_Descriptor, BytesTag, static_cast<const char *>(data), size))
  {
    _exit(2); // the caller has gone
  }
#endif
}

void
Run(const std::function<void(Channel &)> &            work,
    const std::function<void(const char *, size_t)> & receive,
    const std::string &                               what)
{
#ifdef EM_CHILD_PROCESS_FORK
  int descriptors[2];
  if (pipe(descriptors) == 0)
  {
    fcntl(descriptors[0], F_SETFD, FD_CLOEXEC);
    fcntl(descriptors[1], F_SETFD, FD_CLOEXEC);
    const pid_t child = fork();
    if (child == 0)
    {
      close(descriptors[0]);
      RunChild(descriptors[1], work);
    }
    close(descriptors[1]);
    if (child > 0)
    {
      FrameReader frames(receive);
      bool        timedOut = false;
      bool        malformed = false;
      try
      {
        char buffer[1 << 16];
        for (;;)
        {
          pollfd    input{ descriptors[0], POLLIN, 0 };
          const int ready = poll(&input, 1, static_cast<int>(idleLimit.load() * 1000.0));
          if (ready < 0 && errno == EINTR)
          {
            continue;
          }
          if (ready == 0)
          {
            timedOut = true;
            break;
          }
          const ssize_t got = read(descriptors[0], buffer, sizeof(buffer));
          if (got < 0 && errno == EINTR)
          {
            continue;
          }
          if (got <= 0)
          {
            break;
          }
          if (!frames.Consume(buffer, static_cast<size_t>(got)))
          {
            malformed = true;
            break;
          }
        }
      }
      catch (...)
      {
        close(descriptors[0]);
        int status = 0;
        Reap(child, status, true);
        throw;
      }
      close(descriptors[0]);
      int        status = 0;
      const bool known = Reap(child, status, timedOut || malformed);
      if (frames.Failed && !malformed)
      {
        throw ExceptionObject(__FILE__, __LINE__, frames.Error, ITK_LOCATION);
      }
      if (frames.Done && !malformed && !timedOut)
      {
        return;
      }
      if (malformed)
      {
        itkGenericExceptionMacro(<< what << ": the reader sent a malformed answer");
      }
      itkGenericExceptionMacro(<< Describe(what, timedOut, known, status));
    }
    close(descriptors[0]);
  }
#endif
  (void)what;
  Channel local(-1, receive);
  work(local);
}

void
SetIdleLimit(double seconds)
{
  idleLimit = seconds > 0.0 ? seconds : 30.0;
}

double
GetIdleLimit()
{
  return idleLimit.load();
}
NotSharedWithChild::NotSharedWithChild(void * data, size_t size)
{
#if defined(MADV_DONTFORK)
  const auto   page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto   begin = (reinterpret_cast<uintptr_t>(data) + page - 1) / page * page;
  const auto   end = (reinterpret_cast<uintptr_t>(data) + size) / page * page;
  if (end > begin && madvise(reinterpret_cast<void *>(begin), end - begin, MADV_DONTFORK) == 0)
  {
    m_Begin = reinterpret_cast<void *>(begin);
    m_Size = end - begin;
  }
#else
  (void)data;
  (void)size;
#endif
}

NotSharedWithChild::~NotSharedWithChild()
{
#if defined(MADV_DOFORK)
  if (m_Size > 0)
  {
    madvise(m_Begin, m_Size, MADV_DOFORK);
  }
#endif
}

} // namespace EMChildProcess
} // end namespace itk
