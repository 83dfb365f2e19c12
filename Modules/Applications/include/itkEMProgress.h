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
#ifndef itkEMProgress_h
#define itkEMProgress_h

#include "AnalyticalEMApplicationsExport.h"
#include "itkProcessObject.h"

#include <chrono>
#include <ostream>
#include <string>

namespace itk
{
namespace EMCLI
{
/** The block Slicer shares with a command-line module it runs in its own process (SlicerExecutionModel's
 * ModuleProcessInformation, whose layout this repeats): Slicer sets Abort; the module writes the
 * rest and calls the callback after each change. */
extern "C" {
struct SlicerProcessInformation
{
  unsigned char Abort;
  float         Progress;
  float         StageProgress;
  char          ProgressMessage[1024];
  void (*ProgressCallbackFunction)(void *);
  void * ProgressCallbackClientData;
  double ElapsedTime;
};
}

/** \class Progress
 * \brief Progress and abort of a command-line module, the way its host expects them.
 *
 * - SlicerTags: an executable whose standard output is not a terminal (Slicer reads it through a
 *   pipe): `<filter-start>`, `<filter-comment>` (the stage), `<filter-progress>`,
 *   `<filter-stage-progress>` and `<filter-end>` on standard output, as SlicerExecutionModel's
 *   modules print them. Slicer cancels such a module by killing it.
 * - SlicerInProcess: the module runs inside Slicer (`--processinformationaddress`): progress,
 *   stage and elapsed time are written to Slicer's SlicerProcessInformation, and its Abort flag
 *   aborts the observed filter (ITK's ProcessAborted) or the run at the next stage.
 * - Terminal: standard output is a terminal: no tags.
 * In every mode a finished stage is one line "program: stage done in T s" on standard output,
 * unless standard error is a terminal, where a progress bar is redrawn instead. Nothing routine
 * goes to standard error, which Slicer logs as errors.
 * A run is split into stages, each a share [first, last] of the whole; ITK filters report into
 * the current stage through Observe().
 * \ingroup AnalyticalEMApplications
 */
class AnalyticalEMApplications_EXPORT Progress
{
public:
  enum class Mode
  {
    SlicerTags,
    SlicerInProcess,
    Terminal
  };

  /** \a information is used in SlicerInProcess mode only; \a bar draws a progress bar on \a err. */
  Progress(std::string program, Mode mode, std::ostream & out, std::ostream & err, bool bar,
           SlicerProcessInformation * information = nullptr);

  void
  Start(const std::string & comment);
  /** Begins a stage covering [first, last] of the whole run. Throws ProcessAborted when the
   * host has asked to abort. */
  void
  Stage(const std::string & name, double first, double last);
  /** The current stage's progress in [0, 1]. */
  void
  Report(double fraction);
  /** Reports the filter's ProgressEvents into the current stage; the host's abort request
   * aborts it. */
  void
  Observe(ProcessObject * filter);
  void
  End();

  Mode
  GetMode() const
  {
    return m_Mode;
  }

  /** True when the host has asked the run to stop (in-process only). */
  bool
  AbortRequested() const;

private:
  void
  FinishStage();
  void
  Publish(double overall, double stage);

  std::string                           m_Program;
  Mode                                  m_Mode;
  std::ostream &                        m_Out;
  std::ostream &                        m_Err;
  bool                                  m_Bar;
  SlicerProcessInformation *            m_Information;
  std::string                           m_StageName;
  double                                m_First{ 0.0 };
  double                                m_Last{ 1.0 };
  int                                   m_Drawn{ -1 };
  bool                                  m_Started{ false };
  std::chrono::steady_clock::time_point m_Start;
  std::chrono::steady_clock::time_point m_StageStart;
};
} // namespace EMCLI
} // end namespace itk

#endif
