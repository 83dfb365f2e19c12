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
#include "itkRadialGrid.h"

#include "itkMacro.h"

#include <cmath>

namespace itk
{
RadialGrid::RadialGrid(double firstRadius, double lastRadius, double step)
  : m_Step(step)
{
  if (!(firstRadius > 0.0) || !(lastRadius > firstRadius) || !(step > 0.0) || !std::isfinite(lastRadius))
  {
    itkGenericExceptionMacro(<< "RadialGrid: need 0 < first radius < last radius and a positive step, got "
                             << firstRadius << ", " << lastRadius << ", " << step);
  }
  auto count = static_cast<std::size_t>(std::ceil(std::log(lastRadius / firstRadius) / step)) + 1;
  count += (count % 2 == 0) ? 1 : 0; // Simpson's rule needs an odd number of points
  m_Radii.resize(count);
  m_Weights.resize(count);
  for (std::size_t i = 0; i < count; ++i)
  {
    m_Radii[i] = firstRadius * std::exp(static_cast<double>(i) * step);
    const double simpson = (i == 0 || i + 1 == count) ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0);
    m_Weights[i] = simpson * step / 3.0 * m_Radii[i];
  }
}

RadialGrid
RadialGrid::ForNuclearCharge(double z)
{
  return RadialGrid(1e-6 / z, 120.0, 0.002);
}

std::size_t
RadialGrid::GetIndexAtOrAbove(double radius) const
{
  if (!(radius > m_Radii.front()))
  {
    return 0;
  }
  const auto i = static_cast<std::size_t>(std::ceil(std::log(radius / m_Radii.front()) / m_Step - 1e-9));
  return std::min(i, m_Radii.size());
}

double
RadialGrid::Integrate(const std::vector<double> & f) const
{
  double sum = 0.0;
  for (std::size_t i = 0; i < m_Radii.size(); ++i)
  {
    sum += m_Weights[i] * f[i];
  }
  return sum;
}

std::vector<double>
RadialGrid::CumulativeIntegral(const std::vector<double> & f, double powerNearOrigin) const
{
  const std::size_t   n = m_Radii.size();
  std::vector<double> g(n); // the integrand in x
  for (std::size_t i = 0; i < n; ++i)
  {
    g[i] = f[i] * m_Radii[i];
  }
  std::vector<double> running(n);
  running[0] = f[0] * m_Radii[0] / (powerNearOrigin + 1.0);
  for (std::size_t i = 0; i + 1 < n; ++i)
  {
    // Four-point rule on interior intervals, the trapezoid at the two ends.
    const double increment = (i >= 1 && i + 2 < n)
                               ? m_Step / 24.0 * (-g[i - 1] + 13.0 * g[i] + 13.0 * g[i + 1] - g[i + 2])
                               : 0.5 * m_Step * (g[i] + g[i + 1]);
    running[i + 1] = running[i] + increment;
  }
  return running;
}
} // end namespace itk
