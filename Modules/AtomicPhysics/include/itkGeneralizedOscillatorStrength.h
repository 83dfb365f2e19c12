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
#ifndef itkGeneralizedOscillatorStrength_h
#define itkGeneralizedOscillatorStrength_h

#include "itkRadialSchrodinger.h"

#include <functional>
#include <vector>

namespace itk
{
/** \class GeneralizedOscillatorStrength
 * \brief Generalised oscillator strengths of one sub-shell (n, l) in a central potential, for
 * ionisation into the continuum and for excitation to bound states (atomic units).
 *
 * With the initial orbital P_nl, final orbitals P_fl' of the same Hamiltonian (continuum ones
 * normalised per hartree) and N electrons in the sub-shell (spherically averaged),
 *
 *   df/dE(E, q) = (2 E / q^2) N sum_l' sum_lambda (2 lambda + 1)(2 l' + 1) (l lambda l'; 0 0 0)^2
 *                 | int P_nl(r) j_lambda(q r) P_fl'(r) dr |^2,
 *
 * the partial-wave form of |<f| exp(i q.r) |i>|^2 summed over the final and averaged over the
 * initial magnetic sub-states; E is the energy loss (binding energy + ejected energy). For
 * relativistic orbitals the radial integral is that of P_nl P_fl' + Q_nl Q_fl', the small
 * components taken with the angular factor of the large ones (the scalar-relativistic
 * approximation), which keeps the final states orthogonal to the initial one. The sum
 * over lambda runs until the terms are 1e-10 of the total beyond lambda = q r_c, where r_c holds
 * all but 1e-8 of the initial orbital. The integrals use every second point of the grid
 * (Simpson's rule in ln r) where the initial orbital is not negligible.
 * \ingroup AnalyticalEMAtomicPhysics
 */
class AnalyticalEMAtomicPhysics_EXPORT GeneralizedOscillatorStrength
{
public:
  /** \a initial is a bound state of \a hamiltonian, with \a electrons electrons in the sub-shell;
   * \a bindingEnergy (hartree, > 0) is the ionisation threshold used for the energy loss. The
   * Hamiltonian is referred to, not copied: it must outlive this object. */
  GeneralizedOscillatorStrength(const RadialSchrodinger & hamiltonian, const RadialSchrodinger::BoundState & initial,
                                double electrons, double bindingEnergy);

  /** df/dE (per hartree) for ejected energies \a freeEnergies (hartree, > 0) and momentum
   * transfers \a q (1/bohr, > 0), q-major: value[iq * freeEnergies.size() + ie]. The energies
   * are shared out among \a threads threads (0: ITK's default). */
  std::vector<double>
  Continuum(const std::vector<double> & freeEnergies, const std::vector<double> & q, unsigned int threads = 0) const;

  /** The oscillator strength of the excitation to the bound state \a final (of the same
   * Hamiltonian) at momentum transfer \a q. */
  double
  BoundTransition(const RadialSchrodinger::BoundState & final, double q) const;

  double
  GetBindingEnergy() const
  {
    return m_BindingEnergy;
  }

private:
  struct BesselRows; // j_lambda(q r) on the integration points, per q

  BesselRows
  Tabulate(const std::vector<double> & q) const;
  // The final state's small component at a grid point.
  using SmallComponentFunction = std::function<double(std::size_t)>;
  // The integration weights times P_i P_f + Q_i Q_f at the integration points, for a final state
  // of angular momentum finalL.
  void
  WeightFinal(const std::vector<double> & p, const SmallComponentFunction & q, unsigned int finalL,
              std::vector<double> & product) const;
  // Sum over l' and lambda of the squared, angular-weighted radial integrals for one final energy.
  template <typename TFinal>
  double
  AngularSum(const BesselRows & rows, std::size_t qIndex, TFinal && finalProducts) const;

  const RadialSchrodinger & m_Hamiltonian;
  unsigned int              m_L;
  double                    m_Electrons;
  double                    m_BindingEnergy;
  double                    m_InitialEnergy;
  double                    m_CoreRadius; // r_c
  std::vector<std::size_t>  m_Points;     // grid indices of the integration points
  std::vector<double>       m_Weighted;   // P_nl times the integration weight at those points
  std::vector<double>       m_WeightedSmall; // the same of Q_nl (relativistic orbitals; else empty)
  std::vector<double>       m_InitialDensity; // weight (P_nl^2 + Q_nl^2) (relativistic orbitals)
};
} // end namespace itk

#endif
