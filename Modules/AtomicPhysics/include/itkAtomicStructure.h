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
#ifndef itkAtomicStructure_h
#define itkAtomicStructure_h

#include "itkAtomicConfiguration.h"
#include "itkRadialSchrodinger.h"

#include <iosfwd>

namespace itk
{
/** The self-consistency iteration of AtomicStructure::Solve. */
struct AnalyticalEMAtomicPhysics_EXPORT AtomicStructureSettings
{
  double       Tolerance{ 1e-8 };      // largest r |V_out - V_in| (hartree bohr) at convergence
  unsigned int MaximumIterations{ 400 };
  double       Mixing{ 0.3 };          // fraction of the output potential mixed in per iteration
  bool         ScalarRelativistic{ false }; // orbitals of the scalar-relativistic equation
};

/** \class AtomicStructure
 * \brief A spherical atom solved self-consistently in the Kohn-Sham local-density approximation
 * (Slater exchange plus Vosko-Wilk-Nusair correlation, from libxc), non-relativistic or
 * scalar-relativistic (AtomicStructureSettings::ScalarRelativistic, see RadialSchrodinger), on
 * the logarithmic grid of RadialGrid::ForNuclearCharge; atomic units throughout.
 *
 * The relativistic density includes the small components, and the exchange carries MacDonald
 * and Vosko's relativistic correction (libxc's XC_LDA_X_REL), as in NIST's scalar-relativistic
 * LDA (ScRLDA) tables, which the tests compare with.
 *
 * Partially filled sub-shells are spherically averaged (fractional occupancy of every m), as in
 * NIST's atomic reference data, which the tests compare with. The potential is mixed linearly
 * between iterations until r |V_out - V_in| < Tolerance everywhere.
 *
 * Beyond the radius where V has reached the ion's Coulomb tail -Z_ion / r to 1e-5 hartree, the
 * potential is set to that tail: the local exchange would otherwise decay as rho^(1/3), which no
 * real continuum electron sees and which no Coulomb function can be matched to.
 * \ingroup AnalyticalEMAtomicPhysics
 */
class AnalyticalEMAtomicPhysics_EXPORT AtomicStructure
{
public:
  struct Orbital
  {
    unsigned int        N{ 1 };
    unsigned int        L{ 0 };
    double              Occupancy{ 0.0 };
    double              Energy{ 0.0 }; // hartree
    std::vector<double> P;
    std::vector<double> Q; // the small component (relativistic atoms; else empty)
  };

  /** The self-consistent atom of nuclear charge \a atomicNumber with \a configuration (which may
   * hold fewer electrons than Z: an ion, or an atom with a partial core hole). Throws when the
   * iteration does not converge. */
  static AtomicStructure
  Solve(unsigned int atomicNumber, const std::vector<OrbitalOccupancy> & configuration,
        const AtomicStructureSettings & settings = AtomicStructureSettings());

  /** The hydrogen-like ion: the bare potential -Z / r, without electrons (Z need not be whole),
   * with a relativistic Hamiltonian when \a relativistic is set. */
  static AtomicStructure
  Coulomb(double nuclearCharge, bool relativistic = false);

  double
  GetNuclearCharge() const
  {
    return m_NuclearCharge;
  }
  const RadialGrid &
  GetGrid() const
  {
    return m_Grid;
  }
  /** The radial Hamiltonian of the final potential (with its Coulomb tail). */
  const RadialSchrodinger &
  GetHamiltonian() const
  {
    return m_Hamiltonian;
  }
  const std::vector<Orbital> &
  GetOrbitals() const
  {
    return m_Orbitals;
  }
  /** The orbital (n, l); throws when the configuration has none. */
  const Orbital &
  GetOrbital(unsigned int n, unsigned int l) const;

  /** Kohn-Sham total energy (hartree); 0 for Coulomb(). */
  double
  GetTotalEnergy() const
  {
    return m_TotalEnergy;
  }
  unsigned int
  GetIterations() const
  {
    return m_Iterations;
  }

  void
  Print(std::ostream & os) const;

private:
  AtomicStructure(double nuclearCharge, const RadialGrid & grid, const std::vector<double> & potential,
                  double ionCharge, double tailRadius, bool relativistic);

  double               m_NuclearCharge;
  RadialGrid           m_Grid;
  RadialSchrodinger    m_Hamiltonian;
  std::vector<Orbital> m_Orbitals;
  double               m_TotalEnergy{ 0.0 };
  unsigned int         m_Iterations{ 0 };
};
} // end namespace itk

#endif
