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
#ifndef itkRadialSchrodinger_h
#define itkRadialSchrodinger_h

#include "itkRadialGrid.h"

#include <vector>

namespace itk
{
/** \class RadialSchrodinger
 * \brief Bound and continuum solutions P(r) = r R(r) of the radial Schrodinger equation
 * P'' = [2 (V(r) - E) + l (l + 1) / r^2] P in a central potential (atomic units).
 *
 * The equation is integrated with Numerov's method in x = ln r for y = P / sqrt(r), which turns
 * it into y'' = [2 r^2 (V - E) + (l + 1/2)^2] y on the uniform grid of RadialGrid.
 *
 * Bound states: the energy with n - l - 1 nodes at which the outward and inward solutions join
 * smoothly at the outer classical turning point (bisection on the node count, then the
 * first-order energy correction of the kink). Normalised to int P^2 dr = 1, positive near 0.
 *
 * Continuum states: the regular solution at energy E > 0, normalised per unit energy (hartree),
 * P -> sqrt(2 / (pi k)) sin(k r + (Z/k) ln 2kr - l pi / 2 + phase), by matching to the Coulomb
 * functions F_l and G_l of the potential's tail -Z/r (GSL) where that tail holds.
 * \ingroup AnalyticalEMAtomicPhysics
 */
class AnalyticalEMAtomicPhysics_EXPORT RadialSchrodinger
{
public:
  /** \a potential is V(r_i) in hartree; beyond \a tailRadius it must equal
   * -asymptoticCharge / r. */
  RadialSchrodinger(const RadialGrid & grid, std::vector<double> potential, double asymptoticCharge,
                    double tailRadius);

  struct BoundState
  {
    unsigned int        N{ 1 };
    unsigned int        L{ 0 };
    double              Energy{ 0.0 }; // hartree
    std::vector<double> P;             // on the grid
  };

  /** The bound state (n, l); \a energyGuess (hartree, < 0) speeds it up. Throws when it has no
   * such state (a too shallow potential) or the search does not converge. */
  BoundState
  SolveBound(unsigned int n, unsigned int l, double energyGuess) const;

  /** The continuum state of energy \a energy (hartree, > 0) and angular momentum \a l, normalised
   * per hartree; computed up to index \a validUpTo, where a step of the grid still resolves the
   * wave (k h r <= 0.5), and zero beyond. */
  std::vector<double>
  SolveContinuum(double energy, unsigned int l, std::size_t & validUpTo) const;
  /** The same into \a wave (its storage reused). */
  void
  SolveContinuum(double energy, unsigned int l, std::size_t & validUpTo, std::vector<double> & wave) const;

  const RadialGrid &
  GetGrid() const
  {
    return m_Grid;
  }
  const std::vector<double> &
  GetPotential() const
  {
    return m_Potential;
  }
  double
  GetAsymptoticCharge() const
  {
    return m_AsymptoticCharge;
  }

private:
  // g_i of y'' = g y.
  void
  FillCoefficient(double energy, unsigned int l, std::vector<double> & g) const;

  RadialGrid          m_Grid;
  std::vector<double> m_Potential;
  double              m_AsymptoticCharge;
  double              m_TailRadius;
  double              m_NuclearCharge; // -r V near the origin
};
} // end namespace itk

#endif
