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
#include "itkEMProgress.h"

#include <algorithm>
#include <cstdio>
#include <iomanip>

namespace itk
{
namespace EMCLI
{
namespace
{
double
Seconds(std::chrono::steady_clock::time_point since)
{
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}
} // namespace

Progress::Progress(std::string program, Mode mode, std::ostream & out, std::ostream & err, bool bar,
                   SlicerProcessInformation * information)
  : m_Program(std::move(program))
  , m_Mode(mode == Mode::SlicerInProcess && information == nullptr ? Mode::Terminal : mode)
  , m_Out(out)
  , m_Err(err)
  , m_Bar(bar)
  , m_Information(information)
  , m_Start(std::chrono::steady_clock::now())
  , m_StageStart(m_Start)
{}

bool
Progress::AbortRequested() const
{
  return m_Mode == Mode::SlicerInProcess && m_Information->Abort != 0;
}

void
Progress::Start(const std::string & comment)
{
  m_Start = std::chrono::steady_clock::now();
  m_Started = true;
  if (m_Mode == Mode::SlicerTags)
  {
    m_Out << "<filter-start><filter-name>" << m_Program << "</filter-name><filter-comment>" << comment
          << "</filter-comment></filter-start>" << std::endl;
  }
  else if (m_Mode == Mode::SlicerInProcess)
  {
    std::snprintf(m_Information->ProgressMessage, sizeof(m_Information->ProgressMessage), "%s", comment.c_str());
    this->Publish(0.0, 0.0);
  }
}

void
Progress::Stage(const std::string & name, double first, double last)
{
  this->FinishStage();
  if (this->AbortRequested())
  {
    ProcessAborted aborted(__FILE__, __LINE__);
    aborted.SetDescription("stopped at the host's request before " + name);
    throw aborted;
  }
  m_StageName = name;
  m_First = std::clamp(first, 0.0, 1.0);
  m_Last = std::clamp(last, m_First, 1.0);
  m_StageStart = std::chrono::steady_clock::now();
  m_Drawn = -1;
  if (m_Mode == Mode::SlicerTags)
  {
    m_Out << "<filter-comment>" << name << "</filter-comment>" << std::endl;
  }
  else if (m_Mode == Mode::SlicerInProcess)
  {
    std::snprintf(m_Information->ProgressMessage, sizeof(m_Information->ProgressMessage), "%s", name.c_str());
  }
  this->Report(0.0);
}

void
Progress::Report(double fraction)
{
  const double stage = std::clamp(fraction, 0.0, 1.0);
  const int    percent = static_cast<int>(100.0 * stage);
  if (percent == m_Drawn)
  {
    return; // at most one report per percent of a stage
  }
  m_Drawn = percent;
  this->Publish(m_First + stage * (m_Last - m_First), stage);
  if (m_Bar)
  {
    const int width = 30;
    const int filled = static_cast<int>(stage * width + 0.5);
    m_Err << '\r' << m_Program << " " << std::left << std::setw(24) << m_StageName.substr(0, 24) << " ["
          << std::string(static_cast<size_t>(filled), '#') << std::string(static_cast<size_t>(width - filled), ' ')
          << "] " << std::right << std::setw(3) << percent << "%" << std::flush;
  }
}

void
Progress::Publish(double overall, double stage)
{
  if (m_Mode == Mode::SlicerTags)
  {
    m_Out << "<filter-progress>" << std::setprecision(4) << overall << "</filter-progress>\n"
          << "<filter-stage-progress>" << std::setprecision(4) << stage << "</filter-stage-progress>" << std::endl;
  }
  else if (m_Mode == Mode::SlicerInProcess)
  {
    m_Information->Progress = static_cast<float>(overall);
    m_Information->StageProgress = static_cast<float>(stage);
    m_Information->ElapsedTime = Seconds(m_Start);
    if (m_Information->ProgressCallbackFunction != nullptr && m_Information->ProgressCallbackClientData != nullptr)
    {
      m_Information->ProgressCallbackFunction(m_Information->ProgressCallbackClientData);
    }
  }
}

void
Progress::FinishStage()
{
  if (m_StageName.empty())
  {
    return;
  }
  if (m_Bar)
  {
    this->Report(1.0);
    m_Err << std::fixed << std::setprecision(1) << "  " << Seconds(m_StageStart) << " s" << std::defaultfloat
          << std::endl;
  }
  else
  {
    m_Out << m_Program << ": " << m_StageName << " done in " << std::fixed << std::setprecision(2)
          << Seconds(m_StageStart) << " s" << std::defaultfloat << std::endl;
  }
  m_StageName.clear();
}

void
Progress::Observe(ProcessObject * filter)
{
  filter->AddObserver(ProgressEvent(), [this, filter](const EventObject &) {
    this->Report(filter->GetProgress());
    if (this->AbortRequested())
    {
      filter->AbortGenerateDataOn(); // ITK raises ProcessAborted at the filter's next progress report
    }
  });
}

void
Progress::End()
{
  this->FinishStage();
  if (m_Started)
  {
    if (m_Mode == Mode::SlicerTags)
    {
      m_Out << "<filter-progress>1</filter-progress>\n"
            << "<filter-end><filter-name>" << m_Program << "</filter-name><filter-time>" << Seconds(m_Start)
            << "</filter-time></filter-end>" << std::endl;
    }
    else
    {
      this->Publish(1.0, 1.0);
    }
  }
  m_Started = false;
}
} // namespace EMCLI
} // end namespace itk
