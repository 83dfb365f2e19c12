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
/** \class Progress
 * \brief Progress of a command-line module: Slicer's <filter-start>, <filter-progress>,
 * <filter-stage-progress> and <filter-end> tags on stdout when Slicer runs it, otherwise a
 * progress bar on stderr (redrawn in a terminal, one line per finished stage elsewhere).
 * A run is split into stages, each a share [first, last] of the whole; ITK filters report into
 * the current stage through Observe().
 * \ingroup AnalyticalEMApplications
 */
class AnalyticalEMApplications_EXPORT Progress
{
public:
  Progress(std::string program, bool slicer, std::ostream & out, std::ostream & err, bool terminal);

  void
  Start(const std::string & comment);
  /** Begins a stage covering [first, last] of the whole run. */
  void
  Stage(const std::string & name, double first, double last);
  /** The current stage's progress in [0, 1]. */
  void
  Report(double fraction);
  /** Reports the filter's ProgressEvents into the current stage. */
  void
  Observe(ProcessObject * filter);
  void
  End();

private:
  void
  FinishStage();

  std::string                           m_Program;
  bool                                  m_Slicer;
  std::ostream &                        m_Out;
  std::ostream &                        m_Err;
  bool                                  m_Terminal;
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
