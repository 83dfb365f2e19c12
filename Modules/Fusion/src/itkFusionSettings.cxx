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
  std::string problem = FirstNegative({ { "LambdaChem", { LambdaChem } },
                                        { "LambdaTV", { LambdaTV } },
                                        { "LambdaHAADF", { LambdaHAADF } },
                                        { "InitialThreshold", { InitialThreshold } } });
  if (!problem.empty())
  {
    return problem;
  }
  std::ostringstream text;
  if (!(Background > 0.0) || !std::isfinite(Background))
  {
    text << "Background (bkg) must be > 0 in ReferenceCompatible mode, got " << Background;
  }
  else if (Iterations == 0)
  {
    text << "Iterations must be at least 1";
  }
  else if (Weighting == FusionWeightingEnum::Custom && Weights.size() != numberOfMaps)
  {
    text << Weights.size() << " custom weights for " << numberOfMaps << " chemical maps";
  }
  return text.str();
}

void
FusionReferenceSettings::Print(std::ostream & os, Indent indent) const
{
  os << indent << "Weighting: " << Weighting << std::endl;
  PrintValues(os, indent, "Weights", Weights);
  os << indent << "LambdaHAADF: " << LambdaHAADF << " (0: 1/n)" << std::endl;
  os << indent << "LambdaChem: " << LambdaChem << std::endl;
  os << indent << "LambdaTV: " << LambdaTV << std::endl;
  os << indent << "Iterations: " << Iterations << ", TVIterations: " << TVIterations << std::endl;
  os << indent << "Background: " << Background << std::endl;
  os << indent << "Regularize: " << (Regularize ? "On" : "Off") << ", NonNegative: " << (NonNegative ? "On" : "Off")
     << ", InitialThreshold: " << InitialThreshold << std::endl;
  os << indent << "CostInterval: " << CostInterval << std::endl;
}

std::vector<double>
FusionProximalSettings::FixedLambdaTV(unsigned int numberOfMaps) const
{
  return ElementLambdaTV.empty() ? std::vector<double>(numberOfMaps, LambdaTV) : ElementLambdaTV;
}

std::vector<double>
FusionProximalSettings::FixedSparsity(unsigned int numberOfMaps) const
{
  return Sparsity.empty() ? std::vector<double>(numberOfMaps, 0.0) : Sparsity;
}

std::string
FusionProximalSettings::Check(unsigned int numberOfMaps) const
{
  const std::string problem = FirstNegative({ { "LambdaTV", { LambdaTV } },
                                              { "ElementLambdaTV", ElementLambdaTV },
                                              { "Sparsity", Sparsity },
                                              { "HAADFWeightScale", { HAADFWeightScale } },
                                              { "Tolerance", { Tolerance } },
                                              { "Epsilon", { Epsilon } },
                                              { "InitialSmoothing", { InitialSmoothing } },
                                              { "CountsPerUnit", { CountsPerUnit } } });
  if (!problem.empty())
  {
    return problem;
  }
  std::ostringstream text;
  if (!(HuberRatio > 0.0))
  {
    text << "HuberRatio must be > 0, got " << HuberRatio;
  }
  else if (MaximumIterations == 0 || InnerTVIterations == 0)
  {
    text << "MaximumIterations and InnerTVIterations must be at least 1";
  }
  else if ((!ElementLambdaTV.empty() && ElementLambdaTV.size() != numberOfMaps) ||
           (!Sparsity.empty() && Sparsity.size() != numberOfMaps))
  {
    text << "ElementLambdaTV and Sparsity need one value per chemical map (" << numberOfMaps << ")";
  }
  else if (AutomaticParameters && (LambdaTVGrid.empty() || SparsityGrid.empty()))
  {
    text << "AutomaticParameters needs non-empty LambdaTVGrid and SparsityGrid";
  }
  return text.str();
}

void
FusionProximalSettings::Print(std::ostream & os, Indent indent) const
{
  os << indent << "LambdaTV: " << LambdaTV << std::endl;
  PrintValues(os, indent, "ElementLambdaTV", ElementLambdaTV);
  PrintValues(os, indent, "Sparsity", Sparsity);
  os << indent << "AutomaticParameters: " << (AutomaticParameters ? "On" : "Off") << std::endl;
  PrintValues(os, indent, "LambdaTVGrid", LambdaTVGrid);
  PrintValues(os, indent, "SparsityGrid", SparsityGrid);
  os << indent << "SelectionScore: " << SelectionScore << ", RandomSeed: " << RandomSeed
     << ", SearchTimeLimit: " << SearchTimeLimit << " s" << std::endl;
  os << indent << "HAADFWeightScale: " << HAADFWeightScale << std::endl;
  os << indent << "MaximumIterations: " << MaximumIterations << ", Tolerance: " << Tolerance
     << ", InnerTVIterations: " << InnerTVIterations << std::endl;
  os << indent << "HuberRatio: " << HuberRatio << ", Epsilon: " << Epsilon << ", InitialSmoothing: " << InitialSmoothing
     << std::endl;
  os << indent << "CountsPerUnit: " << CountsPerUnit << " (0: from the data)" << std::endl;
  os << indent << "PreserveTotals: " << (PreserveTotals ? "On" : "Off") << ", CostInterval: " << CostInterval
     << std::endl;
}
} // end namespace itk
