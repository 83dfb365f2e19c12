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
#ifndef itkEMChildProcess_h
#define itkEMChildProcess_h

#include "AnalyticalEMCoreExport.h"

#include <cstddef>
#include <functional>
#include <string>

namespace itk
{
/** \brief Runs work that may crash or hang (a third-party parser given a hostile file) in a
 * child process, so that neither can take the caller down.
 *
 * The work runs in a fork of the calling process and sends its answer back through a pipe;
 * the caller receives it as a byte stream. An itk::ExceptionObject thrown by the work is
 * rethrown in the caller with the same description; a crash of the child, or a child that sends
 * nothing for longer than the idle limit, gives an itk::ExceptionObject naming what was being
 * done. The child's answer is untrusted: the receiver must check what it gets.
 *
 * Where processes cannot be forked (another platform, or fork() failing for lack of memory) the
 * work runs in the calling process instead.
 *
 * \ingroup AnalyticalEMCore
 */
namespace EMChildProcess
{
/** The child's end of the pipe. */
class AnalyticalEMCore_EXPORT Channel
{
public:
  explicit Channel(int descriptor, std::function<void(const char *, size_t)> local = {})
    : m_Descriptor(descriptor), m_Local(std::move(local))
  {
  }
  /** Sends \a size bytes to the caller's receiver. */
  void
  Send(const void * data, size_t size);

private:
  int                                       m_Descriptor;
  std::function<void(const char *, size_t)> m_Local; // the receiver, when no child was forked
};

/** Runs \a work in a child process and passes what it sends to \a receive; \a what ("reading
 * x.hspy") names the work in error messages. */
AnalyticalEMCore_EXPORT void
Run(const std::function<void(Channel &)> &            work,
    const std::function<void(const char *, size_t)> & receive,
    const std::string &                               what);

/** While it lives, the pages wholly inside [\a data, \a data + \a size) are not shared with child
 * processes. A caller that receives a child's answer into a buffer it has written before (a
 * streamed piece reusing its memory) would otherwise copy every page of it on write. */
class AnalyticalEMCore_EXPORT NotSharedWithChild
{
public:
  NotSharedWithChild(void * data, size_t size);
  ~NotSharedWithChild();
  NotSharedWithChild(const NotSharedWithChild &) = delete;
  NotSharedWithChild &
  operator=(const NotSharedWithChild &) = delete;

private:
  void * m_Begin{ nullptr };
  size_t m_Size{ 0 };
};

/** Seconds a child may go without sending anything before it is killed (default 30). */
AnalyticalEMCore_EXPORT void
SetIdleLimit(double seconds);
AnalyticalEMCore_EXPORT double
GetIdleLimit();
} // namespace EMChildProcess
} // end namespace itk

#endif
