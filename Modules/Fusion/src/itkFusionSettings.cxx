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
#include "itkFusionSettings.h"

#include <cmath>
#include <initializer_list>
#include <sstream>
#include <utility>

namespace itk
{
namespace
{
using NamedValues = std::pair<const char *, std::vector<double>>;

// The complaint about the first value that is not finite and >= 0; "" when there is none.
std::string
FirstNegative(std::initializer_list<NamedValues> lists)
{
  for (const auto & [name, values] : lists)
  {
    for (const double value : values)
    {
      if (!(value >= 0.0) || !std::isfinite(value))
      {
        std::ostringstream text;
        text << name << " must be finite and >= 0, got " << value;
        return text.str();
      }
    }
  }
  return {};
}

void
PrintValues(std::ostream & os, Indent indent, const char * name, const std::vector<double> & values)
{
  os << indent << name << ": [";
  for (size_t i = 0; i < values.size(); ++i)
  {
    os << (i > 0 ? ", " : "") << values[i];
  }
  os << "]" << std::endl;
}
} // namespace

std::string
FusionReferenceSettings::Check(unsigned int numberOfMaps) const
{
  std::string problem = FirstNegative({ { "LambdaChem", { m_LambdaChem } },
                                        { "LambdaTV", { m_LambdaTV } },
                                        { "LambdaHAADF", { m_LambdaHAADF } },
                                        { "InitialThreshold", { m_InitialThreshold } } });
  if (!problem.empty())
  {
    return problem;
  }
  std::ostringstream text;
  if (!(m_Background > 0.0) || !std::isfinite(m_Background))
  {
    text << "Background (bkg) must be > 0 in ReferenceCompatible mode, got " << m_Background;
  }
  else if (m_Iterations == 0)
  {
    text << "Iterations must be at least 1";
  }
  else if (m_Weighting == FusionWeightingEnum::Custom && m_Weights.size() != numberOfMaps)
  {
    text << m_Weights.size() << " custom weights for " << numberOfMaps << " chemical maps";
  }
  return text.str();
}

void
FusionReferenceSettings::Print(std::ostream & os, Indent indent) const
{
  os << indent << "Weighting: " << m_Weighting << std::endl;
  PrintValues(os, indent, "Weights", m_Weights);
  os << indent << "LambdaHAADF: " << m_LambdaHAADF << " (0: 1/n)" << std::endl;
  os << indent << "LambdaChem: " << m_LambdaChem << std::endl;
  os << indent << "LambdaTV: " << m_LambdaTV << std::endl;
  os << indent << "Iterations: " << m_Iterations << ", TVIterations: " << m_TVIterations << std::endl;
  os << indent << "Background: " << m_Background << std::endl;
  os << indent << "Regularize: " << (m_Regularize ? "On" : "Off") << ", NonNegative: " << (m_NonNegative ? "On" : "Off")
     << ", InitialThreshold: " << m_InitialThreshold << std::endl;
  os << indent << "CostInterval: " << m_CostInterval << std::endl;
}

std::vector<double>
FusionProximalSettings::FixedLambdaTV(unsigned int numberOfMaps) const
{
  return m_ElementLambdaTV.empty() ? std::vector<double>(numberOfMaps, m_LambdaTV) : m_ElementLambdaTV;
}

std::vector<double>
FusionProximalSettings::FixedSparsity(unsigned int numberOfMaps) const
{
  return m_Sparsity.empty() ? std::vector<double>(numberOfMaps, 0.0) : m_Sparsity;
}

std::string
FusionProximalSettings::Check(unsigned int numberOfMaps) const
{
  const std::string problem = FirstNegative({ { "LambdaTV", { m_LambdaTV } },
                                              { "ElementLambdaTV", m_ElementLambdaTV },
                                              { "Sparsity", m_Sparsity },
                                              { "HAADFWeightScale", { m_HAADFWeightScale } },
                                              { "Tolerance", { m_Tolerance } },
                                              { "Epsilon", { m_Epsilon } },
                                              { "InitialSmoothing", { m_InitialSmoothing } },
                                              { "CountsPerUnit", { m_CountsPerUnit } } });
  if (!problem.empty())
  {
    return problem;
  }
  std::ostringstream text;
  if (!(m_HuberRatio > 0.0))
  {
    text << "HuberRatio must be > 0, got " << m_HuberRatio;
  }
  else if (m_MaximumIterations == 0 || m_InnerTVIterations == 0)
  {
    text << "MaximumIterations and InnerTVIterations must be at least 1";
  }
  else if ((!m_ElementLambdaTV.empty() && m_ElementLambdaTV.size() != numberOfMaps) ||
           (!m_Sparsity.empty() && m_Sparsity.size() != numberOfMaps))
  {
    text << "ElementLambdaTV and Sparsity need one value per chemical map (" << numberOfMaps << ")";
  }
  else if (m_AutomaticParameters && (m_LambdaTVGrid.empty() || m_SparsityGrid.empty()))
  {
    text << "AutomaticParameters needs non-empty LambdaTVGrid and SparsityGrid";
  }
  return text.str();
}

void
FusionProximalSettings::Print(std::ostream & os, Indent indent) const
{
  os << indent << "LambdaTV: " << m_LambdaTV << std::endl;
  PrintValues(os, indent, "ElementLambdaTV", m_ElementLambdaTV);
  PrintValues(os, indent, "Sparsity", m_Sparsity);
  os << indent << "AutomaticParameters: " << (m_AutomaticParameters ? "On" : "Off") << std::endl;
  PrintValues(os, indent, "LambdaTVGrid", m_LambdaTVGrid);
  PrintValues(os, indent, "SparsityGrid", m_SparsityGrid);
  os << indent << "SelectionScore: " << m_SelectionScore << ", RandomSeed: " << m_RandomSeed
     << ", SearchTimeLimit: " << m_SearchTimeLimit << " s" << std::endl;
  os << indent << "HAADFWeightScale: " << m_HAADFWeightScale << std::endl;
  os << indent << "MaximumIterations: " << m_MaximumIterations << ", Tolerance: " << m_Tolerance
     << ", InnerTVIterations: " << m_InnerTVIterations << std::endl;
  os << indent << "HuberRatio: " << m_HuberRatio << ", Epsilon: " << m_Epsilon << ", InitialSmoothing: " << m_InitialSmoothing
     << std::endl;
  os << indent << "CountsPerUnit: " << m_CountsPerUnit << " (0: from the data)" << std::endl;
  os << indent << "PreserveTotals: " << (m_PreserveTotals ? "On" : "Off") << ", CostInterval: " << m_CostInterval
     << std::endl;
}
} // end namespace itk
