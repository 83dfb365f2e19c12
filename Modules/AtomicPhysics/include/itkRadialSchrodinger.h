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
 *
 * Relativistic mode: P is the large component G of the Dirac equation with the small component
 * eliminated, G'' = [l (l + 1) / r^2 + 2 M (V - E)] G + (M' / M)(G' + kappa G / r), with
 * M = 1 + (E - V) / (2 c^2). For kappa = -(l + 1) (j = l + 1/2) or l (j = l - 1/2) this is the
 * Dirac equation itself; kappa = -1 for every l drops the spin-orbit term and leaves the
 * scalar-relativistic equation (Koelling and Harmon, J. Phys. C 10, 3107 (1977)), which has one
 * level per (n, l). The substitution G = y sqrt(r M) removes the first derivative, so the same
 * Numerov scheme applies. States are normalised with the small component
 * Q = (G' + kappa G / r) / (2 M c) included, int (G^2 + Q^2) dr = 1, or per hartree for the
 * continuum, where G -> sqrt(2 M / (pi k)) sin(...) with k^2 = 2 E + E^2 / c^2 and the Coulomb
 * parameter scaled by 1 + E / c^2.
 * \ingroup AnalyticalEMAtomicPhysics
 */
class AnalyticalEMAtomicPhysics_EXPORT RadialSchrodinger
{
public:
  /** \a potential is V(r_i) in hartree; beyond \a tailRadius it must equal
   * -asymptoticCharge / r. \a relativistic selects the scalar-relativistic equation. */
  RadialSchrodinger(const RadialGrid & grid, std::vector<double> potential, double asymptoticCharge,
                    double tailRadius, bool relativistic = false);

  /** The spin-orbit choice of a relativistic state: kappa = -(l + 1) for j = l + 1/2, l for
   * j = l - 1/2; ScalarKappa (the default) averages the two. */
  static constexpr int ScalarKappa = 0;

  struct BoundState
  {
    unsigned int        N{ 1 };
    unsigned int        L{ 0 };
    double              Energy{ 0.0 }; // hartree
    std::vector<double> P;             // on the grid
    std::vector<double> Q;             // the small component (relativistic mode; else empty)
  };

  /** The bound state (n, l); \a energyGuess (hartree, < 0) speeds it up. In relativistic mode
   * \a kappa picks j (see ScalarKappa). Throws when it has no such state (a too shallow
   * potential), for a kappa that does not belong to l or in the non-relativistic mode, or when
   * the search does not converge. */
  BoundState
  SolveBound(unsigned int n, unsigned int l, double energyGuess, int kappa = ScalarKappa) const;

  /** The continuum state of energy \a energy (hartree, > 0) and angular momentum \a l, normalised
   * per hartree; computed up to index \a validUpTo, where a step of the grid still resolves the
   * wave (k h r <= 0.5), and zero beyond. */
  std::vector<double>
  SolveContinuum(double energy, unsigned int l, std::size_t & validUpTo) const;
  /** The same into \a wave (its storage reused). */
  void
  SolveContinuum(double energy, unsigned int l, std::size_t & validUpTo, std::vector<double> & wave) const;

  /** The small component Q = (P' + kappa P / r) / (2 M c) of the relativistic solution \a p of
   * energy \a energy (hartree); all zero in the non-relativistic mode. */
  std::vector<double>
  SmallComponent(const std::vector<double> & p, double energy, int kappa = ScalarKappa) const;
  /** The same at grid point \a i only, in relativistic mode (0 at the grid's two ends). */
  double
  SmallComponentAt(const std::vector<double> & p, double energy, std::size_t i, int kappa = ScalarKappa) const;

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
  bool
  IsRelativistic() const
  {
    return m_InverseSpeedOfLightSquared > 0.0;
  }

private:
  // g_i of y'' = g y (P = y sqrt(r M)); kappa -1 is scalar.
  void
  FillCoefficient(double energy, unsigned int l, int kappa, std::vector<double> & g) const;
  // M = 1 + (E - V) / 2c^2 at point i; 1 in the non-relativistic mode.
  double
  Mass(std::size_t i, double energy) const
  {
    return 1.0 + 0.5 * m_InverseSpeedOfLightSquared * (energy - m_Potential[i]);
  }
  // y at point i of the regular relativistic solution near the nucleus (up to a factor).
  double
  RelativisticOrigin(std::size_t i, unsigned int l, int kappa, double energy) const;

  RadialGrid          m_Grid;
  std::vector<double> m_Potential;
  double              m_AsymptoticCharge;
  double              m_TailRadius;
  double              m_NuclearCharge; // -r V near the origin
  double              m_InverseSpeedOfLightSquared{ 0.0 }; // alpha^2; 0 when non-relativistic
  std::vector<double> m_PotentialSlope;     // dV/dx and d2V/dx2 (x = ln r), relativistic mode only
  std::vector<double> m_PotentialCurvature;
};
} // end namespace itk

#endif
