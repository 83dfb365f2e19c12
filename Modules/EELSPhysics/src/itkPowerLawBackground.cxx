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
#include "itkPowerLawBackground.h"

#include "itkMacro.h"

#include <cmath>

namespace itk
{
PowerLawBackground::PowerLawBackground(double referenceEnergy)
  : m_ReferenceEnergy(referenceEnergy)
{
  if (!(referenceEnergy > 0.0) || !std::isfinite(referenceEnergy))
  {
    itkGenericExceptionMacro(<< "PowerLawBackground: the reference energy must be positive, got " << referenceEnergy
                             << " eV");
  }
}

double
PowerLawBackground::Evaluate(double energy, double amplitude, double exponent) const
{
  return energy > 0.0 ? amplitude * std::pow(energy / m_ReferenceEnergy, -exponent) : 0.0;
}

void
PowerLawBackground::Gradient(double energy, double amplitude, double exponent, double & dAmplitude,
                             double & dExponent) const
{
  dAmplitude = this->Evaluate(energy, 1.0, exponent);
  dExponent = energy > 0.0 ? amplitude * dAmplitude * std::log(m_ReferenceEnergy / energy) : 0.0;
}

std::vector<double>
PowerLawBackground::Compute(const EnergyAxis & axis, double amplitude, double exponent) const
{
  std::vector<double> values(axis.GetSize());
  for (SizeValueType i = 0; i < values.size(); ++i)
  {
    values[i] = this->Evaluate(axis.GetEnergy(static_cast<double>(i)), amplitude, exponent);
  }
  return values;
}

auto
PowerLawBackground::EstimateFromWindow(const EnergyAxis & axis, const double * spectrum, SizeValueType first,
                                       SizeValueType end) const -> StartValues
{
  if (first >= end || end > axis.GetSize())
  {
    itkGenericExceptionMacro(<< "PowerLawBackground: the window [" << first << ", " << end << ") is empty or outside the "
                             << axis.GetSize() << " channels");
  }
  // Least-squares line through (ln E, ln y) of the channels with y > 1.
  double        sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0;
  SizeValueType count = 0;
  for (SizeValueType i = first; i < end; ++i)
  {
    const double e = axis.GetEnergy(static_cast<double>(i));
    if (spectrum[i] > 1.0 && e > 0.0)
    {
      const double x = std::log(e);
      const double y = std::log(spectrum[i]);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
      ++count;
    }
  }
  const StartValues fallback{ spectrum[first], 3.0 };
  const double      n = static_cast<double>(count);
  const double      denominator = n * sxx - sx * sx;
  if (count < 2 || !(denominator > 0.0))
  {
    return fallback;
  }
  const double slope = (n * sxy - sx * sy) / denominator;
  const double intercept = (sy - slope * sx) / n;
  const double r = -slope;
  const double a = std::exp(intercept) * std::pow(m_ReferenceEnergy, -r);
  if (!(r >= 0.0 && r <= 10.0) || !(a > 0.0) || !std::isfinite(a))
  {
    return fallback;
  }
  return StartValues{ a, r };
}
} // end namespace itk
