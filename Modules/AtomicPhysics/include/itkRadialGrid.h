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
#ifndef itkRadialGrid_h
#define itkRadialGrid_h

#include "AnalyticalEMAtomicPhysicsExport.h"

#include <cstddef>
#include <vector>

namespace itk
{
/** \class RadialGrid
 * \brief A logarithmic radial grid r_i = r_0 exp(i h) (atomic units, bohr) with the integration
 * rules the atomic solvers share.
 *
 * Orbitals vary on the scale of r near the nucleus and far from it, so a grid uniform in x = ln r
 * resolves them all with one step. Integrals over r become integrals over x with the weight r.
 * \ingroup AnalyticalEMAtomicPhysics
 */
class AnalyticalEMAtomicPhysics_EXPORT RadialGrid
{
public:
  /** An odd number of points from \a firstRadius to at least \a lastRadius with step \a step in
   * ln r. Throws for non-positive or inverted radii and a non-positive step. */
  RadialGrid(double firstRadius, double lastRadius, double step);

  /** The grid the atomic solvers use for nuclear charge \a z: from 1e-6/z to 120 bohr, step 0.002. */
  static RadialGrid
  ForNuclearCharge(double z);

  std::size_t
  GetSize() const
  {
    return m_Radii.size();
  }
  double
  GetStep() const
  {
    return m_Step;
  }
  double
  GetRadius(std::size_t i) const
  {
    return m_Radii[i];
  }
  const std::vector<double> &
  GetRadii() const
  {
    return m_Radii;
  }
  /** Simpson weights in x times r: the integral of f over r is sum_i w_i f_i. */
  const std::vector<double> &
  GetWeights() const
  {
    return m_Weights;
  }

  /** The first index whose radius is >= \a radius (GetSize() when beyond the grid). */
  std::size_t
  GetIndexAtOrAbove(double radius) const;

  /** The integral over r of \a f (sampled on the grid). */
  double
  Integrate(const std::vector<double> & f) const;

  /** The running integral F_i = int_0^{r_i} f dr, to fourth order in the step (the part below
   * r_0 is taken as f_0 r_0 / (p + 1) for f ~ r^p near the origin with p = \a powerNearOrigin). */
  std::vector<double>
  CumulativeIntegral(const std::vector<double> & f, double powerNearOrigin) const;

private:
  std::vector<double> m_Radii;
  std::vector<double> m_Weights;
  double              m_Step;
};
} // end namespace itk

#endif
