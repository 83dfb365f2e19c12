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
#include "itkAtomicStructure.h"

#include "itkMacro.h"

#include <xc.h>

#include <algorithm>
#include <cmath>
#include <ostream>

namespace itk
{
namespace
{
constexpr double Pi = 3.14159265358979323846;
// Where V has reached the ion's Coulomb tail to this (hartree), the tail takes over.
constexpr double TailTolerance = 1e-5;

// Slater exchange plus Vosko-Wilk-Nusair correlation (spin-unpolarised), from libxc; for
// relativistic atoms the exchange carries MacDonald and Vosko's relativistic correction.
class LocalDensityFunctional
{
public:
  explicit LocalDensityFunctional(bool relativistic)
  {
    if (xc_func_init(&m_Exchange, relativistic ? XC_LDA_X_REL : XC_LDA_X, XC_UNPOLARIZED) != 0 ||
        xc_func_init(&m_Correlation, XC_LDA_C_VWN, XC_UNPOLARIZED) != 0)
    {
      itkGenericExceptionMacro(<< "AtomicStructure: libxc has no LDA exchange or VWN correlation");
    }
  }
  ~LocalDensityFunctional()
  {
    xc_func_end(&m_Exchange);
    xc_func_end(&m_Correlation);
  }
  LocalDensityFunctional(const LocalDensityFunctional &) = delete;
  LocalDensityFunctional &
  operator=(const LocalDensityFunctional &) = delete;

  /** The potential and the energy per electron of density rho. */
  void
  Evaluate(const std::vector<double> & rho, std::vector<double> & potential, std::vector<double> & energy)
  {
    const size_t        n = rho.size();
    std::vector<double> e(n), v(n);
    potential.assign(n, 0.0);
    energy.assign(n, 0.0);
    for (xc_func_type * functional : { &m_Exchange, &m_Correlation })
    {
      xc_lda_exc_vxc(functional, n, rho.data(), e.data(), v.data());
      for (size_t i = 0; i < n; ++i)
      {
        potential[i] += v[i];
        energy[i] += e[i];
      }
    }
  }

private:
  xc_func_type m_Exchange{};
  xc_func_type m_Correlation{};
};

// A Thomas-Fermi atom (Tietz's closed form of the screening function) with a tail of at least
// -1 / r, so that the first iteration binds every occupied orbital.
std::vector<double>
StartingPotential(const RadialGrid & grid, double z, double ionCharge)
{
  const double        b = 0.88534 * std::pow(z, -1.0 / 3.0);
  std::vector<double> v(grid.GetSize());
  for (size_t i = 0; i < v.size(); ++i)
  {
    const double r = grid.GetRadius(i);
    const double s = 1.0 + 0.53625 * r / b;
    const double phi = 1.0 / (s * s);
    v[i] = -(z * phi + std::max(ionCharge, 1.0) * (1.0 - phi)) / r;
  }
  return v;
}

// The Hartree potential of the electron density u = 4 pi r^2 rho.
std::vector<double>
HartreePotential(const RadialGrid & grid, const std::vector<double> & u)
{
  const size_t        n = grid.GetSize();
  std::vector<double> overR(n);
  for (size_t i = 0; i < n; ++i)
  {
    overR[i] = u[i] / grid.GetRadius(i);
  }
  const std::vector<double> inside = grid.CumulativeIntegral(u, 2.0);
  const std::vector<double> outside = grid.CumulativeIntegral(overR, 1.0);
  std::vector<double>       v(n);
  for (size_t i = 0; i < n; ++i)
  {
    v[i] = inside[i] / grid.GetRadius(i) + (outside.back() - outside[i]);
  }
  return v;
}

// V beyond the radius where it meets -ionCharge / r, replaced by that tail; returns the radius.
double
ImposeCoulombTail(const RadialGrid & grid, double ionCharge, std::vector<double> & v)
{
  size_t start = v.size();
  while (start > 1 && std::abs(v[start - 1] + ionCharge / grid.GetRadius(start - 1)) < TailTolerance)
  {
    --start;
  }
  for (size_t i = start; i < v.size(); ++i)
  {
    v[i] = -ionCharge / grid.GetRadius(i);
  }
  return grid.GetRadius(std::min(start, v.size() - 1));
}
} // namespace

AtomicStructure::AtomicStructure(double nuclearCharge, const RadialGrid & grid, const std::vector<double> & potential,
                                 double ionCharge, double tailRadius, bool relativistic)
  : m_NuclearCharge(nuclearCharge)
  , m_Grid(grid)
  , m_Hamiltonian(grid, potential, ionCharge, tailRadius, relativistic)
{}

AtomicStructure
AtomicStructure::Coulomb(double nuclearCharge, bool relativistic)
{
  if (!(nuclearCharge > 0.0) || !(nuclearCharge <= 200.0))
  {
    itkGenericExceptionMacro(<< "AtomicStructure: the nuclear charge must be in (0, 200], got " << nuclearCharge);
  }
  const RadialGrid    grid = RadialGrid::ForNuclearCharge(nuclearCharge);
  std::vector<double> v(grid.GetSize());
  for (size_t i = 0; i < v.size(); ++i)
  {
    v[i] = -nuclearCharge / grid.GetRadius(i);
  }
  return AtomicStructure(nuclearCharge, grid, v, nuclearCharge, grid.GetRadius(0), relativistic);
}

AtomicStructure
AtomicStructure::Solve(unsigned int atomicNumber, const std::vector<OrbitalOccupancy> & configuration,
                       const AtomicStructureSettings & settings)
{
  if (atomicNumber < 1 || atomicNumber > 92)
  {
    itkGenericExceptionMacro(<< "AtomicStructure: Z must be 1 ... 92, got " << atomicNumber);
  }
  double electrons = 0.0;
  for (const auto & shell : configuration)
  {
    const double capacity = 2.0 * (2 * shell.L + 1);
    if (shell.L >= shell.N || !(shell.Occupancy >= 0.0) || shell.Occupancy > capacity)
    {
      itkGenericExceptionMacro(<< "AtomicStructure: invalid sub-shell " << AtomicConfiguration::OrbitalName(shell.N, shell.L)
                               << " with " << shell.Occupancy << " electrons");
    }
    electrons += shell.Occupancy;
  }
  const double z = atomicNumber;
  const double ionCharge = z - electrons;
  if (!(electrons > 0.0) || ionCharge < -1e-12)
  {
    itkGenericExceptionMacro(<< "AtomicStructure: " << electrons << " electrons for Z = " << atomicNumber);
  }
  const RadialGrid       grid = RadialGrid::ForNuclearCharge(z);
  const size_t           n = grid.GetSize();
  LocalDensityFunctional functional(settings.ScalarRelativistic);
  std::vector<double>    vIn = StartingPotential(grid, z, ionCharge);
  std::vector<Orbital>   orbitals;
  for (const auto & shell : configuration)
  {
    orbitals.push_back({ shell.N, shell.L, shell.Occupancy, -0.5 * z * z / (shell.N * shell.N), {}, {} });
  }
  std::vector<double> u(n), rho(n), vXC(n), eXC(n), vH;
  for (unsigned int iteration = 1; iteration <= settings.MaximumIterations; ++iteration)
  {
    const RadialSchrodinger hamiltonian(grid, vIn, ionCharge, grid.GetRadius(n - 1), settings.ScalarRelativistic);
    std::fill(u.begin(), u.end(), 0.0);
    for (auto & orbital : orbitals)
    {
      auto state = hamiltonian.SolveBound(orbital.N, orbital.L, orbital.Energy);
      orbital.Energy = state.Energy;
      orbital.P = std::move(state.P);
      orbital.Q = std::move(state.Q);
      for (size_t i = 0; i < n; ++i)
      {
        u[i] += orbital.Occupancy * orbital.P[i] * orbital.P[i];
      }
      for (size_t i = 0; i < orbital.Q.size(); ++i)
      {
        u[i] += orbital.Occupancy * orbital.Q[i] * orbital.Q[i];
      }
    }
    for (size_t i = 0; i < n; ++i)
    {
      const double r = grid.GetRadius(i);
      rho[i] = u[i] / (4.0 * Pi * r * r);
    }
    vH = HartreePotential(grid, u);
    functional.Evaluate(rho, vXC, eXC);
    double change = 0.0;
    for (size_t i = 0; i < n; ++i)
    {
      const double r = grid.GetRadius(i);
      const double vOut = -z / r + vH[i] + vXC[i];
      change = std::max(change, r * std::abs(vOut - vIn[i]));
      vIn[i] += settings.Mixing * (vOut - vIn[i]);
    }
    if (change < settings.Tolerance)
    {
      // E = sum f eps - int u (V_H / 2 + V_xc - e_xc) dr, with the potential the orbitals saw.
      double bandEnergy = 0.0;
      for (const auto & orbital : orbitals)
      {
        bandEnergy += orbital.Occupancy * orbital.Energy;
      }
      std::vector<double> doubleCounted(n);
      for (size_t i = 0; i < n; ++i)
      {
        doubleCounted[i] = u[i] * (0.5 * vH[i] + vXC[i] - eXC[i]);
      }
      std::vector<double> potential = vIn;
      const double        tailRadius = ImposeCoulombTail(grid, ionCharge, potential);
      AtomicStructure     atom(z, grid, potential, ionCharge, tailRadius, settings.ScalarRelativistic);
      atom.m_Orbitals = std::move(orbitals);
      atom.m_TotalEnergy = bandEnergy - grid.Integrate(doubleCounted);
      atom.m_Iterations = iteration;
      return atom;
    }
  }
  itkGenericExceptionMacro(<< "AtomicStructure: Z = " << atomicNumber << " (" << AtomicConfiguration::ToString(configuration)
                           << ") did not converge in " << settings.MaximumIterations << " iterations");
}

const AtomicStructure::Orbital &
AtomicStructure::GetOrbital(unsigned int n, unsigned int l) const
{
  for (const auto & orbital : m_Orbitals)
  {
    if (orbital.N == n && orbital.L == l)
    {
      return orbital;
    }
  }
  itkGenericExceptionMacro(<< "AtomicStructure: the atom has no " << AtomicConfiguration::OrbitalName(n, l) << " orbital");
}

void
AtomicStructure::Print(std::ostream & os) const
{
  os << "Z = " << m_NuclearCharge << (m_Hamiltonian.IsRelativistic() ? " (scalar-relativistic)" : "")
     << ", total energy " << m_TotalEnergy << " hartree, " << m_Iterations << " iterations\n";
  for (const auto & orbital : m_Orbitals)
  {
    os << "  " << AtomicConfiguration::OrbitalName(orbital.N, orbital.L) << " " << orbital.Occupancy << ": "
       << orbital.Energy << " hartree\n";
  }
}
} // end namespace itk
