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
#include "itkRadialSchrodinger.h"

#include "itkGSLErrorGuard.h"
#include "itkMacro.h"
#include "itkPhysicalConstants.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_coulomb.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace itk
{
namespace
{
constexpr double Pi = 3.14159265358979323846;
// Solutions are rescaled when they grow past this, so that no value overflows.
constexpr double RescaleAbove = 1e100;

// One Numerov step of y'' = g y: the value after i + 1 (direction +1) or before i - 1 (-1).
inline double
NumerovNext(const std::vector<double> & f, const std::vector<double> & y, std::size_t i, int direction)
{
  const std::size_t previous = direction > 0 ? i - 1 : i + 1;
  const std::size_t next = direction > 0 ? i + 1 : i - 1;
  return ((12.0 - 10.0 * f[i]) * y[i] - f[previous] * y[previous]) / f[next];
}

// The first and second derivatives in x of samples on a uniform grid of step h, to fourth order
// inside; near the ends, where only the Coulomb-like parts matter, as those of a / r.
void
DerivativesInX(const std::vector<double> & v, double h, const RadialGrid & grid, std::vector<double> & slope,
               std::vector<double> & curvature)
{
  const std::size_t n = v.size();
  slope.assign(n, 0.0);
  curvature.assign(n, 0.0);
  for (std::size_t i = 2; i + 2 < n; ++i)
  {
    slope[i] = (v[i - 2] - 8.0 * v[i - 1] + 8.0 * v[i + 1] - v[i + 2]) / (12.0 * h);
    curvature[i] = (-v[i - 2] + 16.0 * v[i - 1] - 30.0 * v[i] + 16.0 * v[i + 1] - v[i + 2]) / (12.0 * h * h);
  }
  for (const std::size_t i : { std::size_t{ 0 }, std::size_t{ 1 }, n - 2, n - 1 })
  {
    const std::size_t inside = i < 2 ? 2 : n - 3;
    slope[i] = slope[inside] * grid.GetRadius(inside) / grid.GetRadius(i);
    curvature[i] = -slope[i];
  }
}

// kappa of a state: the scalar-relativistic equation is the Dirac one with kappa = -1.
int
EffectiveKappa(int kappa)
{
  return kappa == RadialSchrodinger::ScalarKappa ? -1 : kappa;
}
} // namespace

RadialSchrodinger::RadialSchrodinger(const RadialGrid & grid, std::vector<double> potential, double asymptoticCharge,
                                     double tailRadius, bool relativistic)
  : m_Grid(grid)
  , m_Potential(std::move(potential))
  , m_AsymptoticCharge(asymptoticCharge)
  , m_TailRadius(tailRadius)
{
  if (m_Potential.size() != grid.GetSize())
  {
    itkGenericExceptionMacro(<< "RadialSchrodinger: " << m_Potential.size() << " potential values for a grid of "
                             << grid.GetSize() << " points");
  }
  for (const double v : m_Potential)
  {
    if (!std::isfinite(v))
    {
      itkGenericExceptionMacro(<< "RadialSchrodinger: the potential holds a non-finite value");
    }
  }
  m_NuclearCharge = -m_Potential[0] * grid.GetRadius(0);
  if (relativistic)
  {
    m_InverseSpeedOfLightSquared = PhysicalConstants::FineStructureConstant * PhysicalConstants::FineStructureConstant;
    DerivativesInX(m_Potential, grid.GetStep(), grid, m_PotentialSlope, m_PotentialCurvature);
  }
}

void
RadialSchrodinger::FillCoefficient(double energy, unsigned int l, int kappa, std::vector<double> & g) const
{
  const double centrifugal = (l + 0.5) * (l + 0.5);
  const double a2 = m_InverseSpeedOfLightSquared;
  g.resize(m_Grid.GetSize());
  for (std::size_t i = 0; i < g.size(); ++i)
  {
    const double r = m_Grid.GetRadius(i);
    g[i] = 2.0 * r * r * (m_Potential[i] - energy) + centrifugal;
  }
  if (a2 == 0.0)
  {
    return;
  }
  // With m = M_x / M: g = (l + 1/2)^2 + 2 r^2 M (V - E) + (kappa + 1/2) m + 3/4 m^2 - M_xx / (2 M).
  for (std::size_t i = 0; i < g.size(); ++i)
  {
    const double r = m_Grid.GetRadius(i);
    const double mass = this->Mass(i, energy);
    const double logSlope = -0.5 * a2 * m_PotentialSlope[i] / mass;
    const double curvatureOverMass = -0.5 * a2 * m_PotentialCurvature[i] / mass;
    g[i] = centrifugal + 2.0 * r * r * mass * (m_Potential[i] - energy) + (kappa + 0.5) * logSlope +
           0.75 * logSlope * logSlope - 0.5 * curvatureOverMass;
  }
}

double
RadialSchrodinger::RelativisticOrigin(std::size_t i, unsigned int l, int kappa, double energy) const
{
  // P ~ r^s with s^2 = l (l + 1) - kappa - (Z alpha)^2 (kappa^2 - (Z alpha)^2 for the Dirac
  // equation), while r M varies from Z alpha^2 / 2 to r: y = P / sqrt(r M) follows both.
  const double zAlpha2 = m_NuclearCharge * m_NuclearCharge * m_InverseSpeedOfLightSquared;
  const double exponent = std::sqrt(l * (l + 1.0) - kappa - zAlpha2);
  const double r = m_Grid.GetRadius(i);
  return std::pow(r, exponent) / std::sqrt(r * this->Mass(i, energy));
}

std::vector<double>
RadialSchrodinger::SmallComponent(const std::vector<double> & p, double energy, int kappa) const
{
  const std::size_t   size = m_Grid.GetSize();
  std::vector<double> q(size, 0.0);
  if (!this->IsRelativistic() || p.size() != size)
  {
    return q;
  }
  for (std::size_t i = 1; i + 1 < size; ++i)
  {
    q[i] = this->SmallComponentAt(p, energy, i, kappa);
  }
  q[0] = p[1] != 0.0 ? q[1] * p[0] / p[1] : 0.0; // Q / P is constant near the nucleus
  return q;
}

double
RadialSchrodinger::SmallComponentAt(const std::vector<double> & p, double energy, std::size_t i, int kappa) const
{
  if (i == 0 || i + 1 >= p.size())
  {
    return 0.0; // no central difference at the ends of the grid
  }
  const double slope = (p[i + 1] - p[i - 1]) / (2.0 * m_Grid.GetStep()); // dP/dx
  const double c = 1.0 / std::sqrt(m_InverseSpeedOfLightSquared);
  return (slope + EffectiveKappa(kappa) * p[i]) / (2.0 * this->Mass(i, energy) * c * m_Grid.GetRadius(i));
}

RadialSchrodinger::BoundState
RadialSchrodinger::SolveBound(unsigned int n, unsigned int l, double energyGuess, int kappa) const
{
  if (l >= n)
  {
    itkGenericExceptionMacro(<< "RadialSchrodinger: no bound state with n = " << n << " and l = " << l);
  }
  const bool spinOrbitPartner = kappa == -static_cast<int>(l) - 1 || (l > 0 && kappa == static_cast<int>(l));
  if (kappa != ScalarKappa && (!spinOrbitPartner || !this->IsRelativistic()))
  {
    itkGenericExceptionMacro(<< "RadialSchrodinger: kappa = " << kappa << " with l = " << l
                             << (this->IsRelativistic() ? " (kappa must be -(l + 1) or l)"
                                                        : " in a non-relativistic equation"));
  }
  kappa = EffectiveKappa(kappa);
  const std::size_t size = m_Grid.GetSize();
  const double      h = m_Grid.GetStep();
  const unsigned    wantedNodes = n - l - 1;
  double            low = std::numeric_limits<double>::max();
  for (std::size_t i = 0; i < size; ++i)
  {
    const double r = m_Grid.GetRadius(i);
    low = std::min(low, m_Potential[i] + 0.5 * l * (l + 1.0) / (r * r));
  }
  if (this->IsRelativistic())
  {
    low = std::max(low, -1.0 / m_InverseSpeedOfLightSquared); // bound Dirac levels lie above -c^2
  }
  double high = 0.0;
  double energy = (energyGuess > low && energyGuess < high) ? energyGuess : 0.5 * low;

  std::vector<double> g;
  std::vector<double> f(size);
  std::vector<double> y(size);
  std::vector<double> inward(size);
  for (unsigned int iteration = 0; iteration < 400; ++iteration)
  {
    const auto bisect = [&]() { energy = 0.5 * (low + high); };
    this->FillCoefficient(energy, l, kappa, g);
    std::size_t turning = size;
    for (std::size_t i = size - 1; i > 0; --i)
    {
      if (g[i] < 0.0)
      {
        turning = i;
        break;
      }
    }
    if (turning == size)
    {
      low = energy; // below the bottom of the effective potential
      bisect();
      continue;
    }
    if (turning + 3 >= size)
    {
      high = energy; // not bound within the grid
      bisect();
      continue;
    }
    for (std::size_t i = 0; i < size; ++i)
    {
      f[i] = 1.0 - h * h * g[i] / 12.0;
    }
    // Outward, from P ~ r^(l+1) (1 - Z r / (l + 1)), or its relativistic form.
    std::fill(y.begin(), y.end(), 0.0);
    for (std::size_t i = 0; i < 2; ++i)
    {
      const double r = m_Grid.GetRadius(i);
      y[i] = this->IsRelativistic() ? this->RelativisticOrigin(i, l, kappa, energy)
                                    : std::pow(r, l + 0.5) * (1.0 - m_NuclearCharge * r / (l + 1.0));
    }
    unsigned int nodes = 0;
    for (std::size_t i = 1; i < turning; ++i)
    {
      y[i + 1] = NumerovNext(f, y, i, +1);
      nodes += (y[i + 1] * y[i] < 0.0) ? 1 : 0;
      if (std::abs(y[i + 1]) > RescaleAbove)
      {
        for (std::size_t j = 0; j <= i + 1; ++j)
        {
          y[j] /= RescaleAbove;
        }
      }
    }
    if (nodes != wantedNodes)
    {
      (nodes > wantedNodes ? high : low) = energy;
      bisect();
      continue;
    }
    // Inward, from where the solution has decayed by e^-45 beyond the turning point.
    const double atTurning = y[turning];
    std::size_t  last = turning;
    for (double decay = 0.0; last + 1 < size && decay < 45.0; ++last)
    {
      decay += h * std::sqrt(std::max(g[last], 0.0));
    }
    inward[last] = 1e-30;
    inward[last - 1] = inward[last] * std::exp(h * std::sqrt(std::max(g[last], 0.0)));
    for (std::size_t i = last - 1; i > turning; --i)
    {
      inward[i - 1] = NumerovNext(f, inward, i, -1);
      if (std::abs(inward[i - 1]) > RescaleAbove)
      {
        for (std::size_t j = i - 1; j <= last; ++j)
        {
          inward[j] /= RescaleAbove;
        }
      }
    }
    const double scale = atTurning / inward[turning];
    for (std::size_t i = turning + 1; i <= last; ++i)
    {
      y[i] = inward[i] * scale;
    }
    double norm = 0.0; // of y, for the energy correction
    for (std::size_t i = 0; i <= last; ++i)
    {
      const double r = m_Grid.GetRadius(i);
      norm += m_Grid.GetWeights()[i] * r * y[i] * y[i];
    }
    // The kink at the turning point gives the first-order energy correction.
    const double residual =
      f[turning - 1] * y[turning - 1] + 10.0 * f[turning] * y[turning] + f[turning + 1] * y[turning + 1] - 12.0 * y[turning];
    const double correction = -y[turning] * residual / (2.0 * h * norm);
    (correction > 0.0 ? low : high) = energy;
    // Converged when the correction is at the level of round-off, or the bracket has closed on it.
    const double magnitude = std::max(1.0, std::abs(energy));
    const bool   converged = std::abs(correction) < 1e-11 * magnitude || high - low < 1e-14 * magnitude;
    if (converged)
    {
      BoundState state;
      state.N = n;
      state.L = l;
      state.Energy = energy;
      state.P.assign(size, 0.0);
      for (std::size_t i = 0; i <= last; ++i)
      {
        state.P[i] = std::sqrt(m_Grid.GetRadius(i) * this->Mass(i, energy)) * y[i];
      }
      double probability = norm;
      if (this->IsRelativistic())
      {
        state.Q = this->SmallComponent(state.P, energy, kappa);
        std::vector<double> density(size);
        for (std::size_t i = 0; i < size; ++i)
        {
          density[i] = state.P[i] * state.P[i] + state.Q[i] * state.Q[i];
        }
        probability = m_Grid.Integrate(density);
      }
      const double normalisation = 1.0 / std::sqrt(probability);
      for (std::size_t i = 0; i <= last; ++i)
      {
        state.P[i] *= normalisation;
      }
      for (double & q : state.Q)
      {
        q *= normalisation;
      }
      return state;
    }
    energy += correction;
    if (!(energy > low && energy < high))
    {
      bisect();
    }
  }
  itkGenericExceptionMacro(<< "RadialSchrodinger: the bound state n = " << n << ", l = " << l
                           << " did not converge (energy bracket " << low << " ... " << high << " hartree)");
}

std::vector<double>
RadialSchrodinger::SolveContinuum(double energy, unsigned int l, std::size_t & validUpTo) const
{
  std::vector<double> p;
  this->SolveContinuum(energy, l, validUpTo, p);
  return p;
}

void
RadialSchrodinger::SolveContinuum(double energy, unsigned int l, std::size_t & validUpTo, std::vector<double> & p) const
{
  if (!(energy > 0.0) || !std::isfinite(energy))
  {
    itkGenericExceptionMacro(<< "RadialSchrodinger: a continuum energy must be positive, got " << energy);
  }
  const GSLErrorGuard guard;
  const std::size_t   size = m_Grid.GetSize();
  const double        h = m_Grid.GetStep();
  const double        a2 = m_InverseSpeedOfLightSquared;
  const double        k = std::sqrt(2.0 * energy + a2 * energy * energy);
  // Scratch reused by the calls of a thread: a table's thousands of waves would otherwise spend
  // a third of their time allocating and clearing memory.
  thread_local std::vector<double> g, f, y;
  this->FillCoefficient(energy, l, EffectiveKappa(ScalarKappa), g);
  f.resize(size);
  for (std::size_t i = 0; i < size; ++i)
  {
    f[i] = 1.0 - h * h * g[i] / 12.0;
  }
  // Match beyond the potential's own part and the centrifugal barrier, where a step still
  // resolves the wave (k h r <= 0.3), with a quarter wavelength between the two points.
  const double rMatch = std::max(std::min(m_TailRadius, 0.3 / (k * h)), 2.0 * (l + 1.0) / k);
  std::size_t  a = std::min(m_Grid.GetIndexAtOrAbove(rMatch), size - 2);
  const auto   quarter = static_cast<std::size_t>(std::ceil(0.5 * Pi / (k * h * m_Grid.GetRadius(a))));
  const std::size_t separation = std::max<std::size_t>(2, std::min<std::size_t>(quarter, 200));
  if (a + separation >= size)
  {
    a = size - 1 - separation;
  }
  const std::size_t b = a + separation;
  // The wave is carried on, for the integrals that need it, as far as a step still resolves it.
  const std::size_t end = std::max(b, std::min(size - 1, m_Grid.GetIndexAtOrAbove(0.5 / (k * h))));

  // Outward from where r^(l + 1/2) is e^-200 below its value at the inner turning point.
  std::size_t start = 0;
  if (l > 0)
  {
    std::size_t inner = 0;
    while (inner + 1 < size && g[inner] > 0.0)
    {
      ++inner;
    }
    const double rStart = m_Grid.GetRadius(inner) * std::exp(-200.0 / (l + 0.5));
    start = std::min(m_Grid.GetIndexAtOrAbove(rStart), inner);
  }
  y.resize(size); // only [start, end] is used
  y[start] = 1e-100;
  y[start + 1] = this->IsRelativistic()
                   ? 1e-100 * this->RelativisticOrigin(start + 1, l, -1, energy) /
                       this->RelativisticOrigin(start, l, -1, energy)
                   : 1e-100 * std::exp(h * (l + 0.5)) *
                       (1.0 - m_NuclearCharge * m_Grid.GetRadius(start + 1) / (l + 1.0)) /
                       (1.0 - m_NuclearCharge * m_Grid.GetRadius(start) / (l + 1.0));
  for (std::size_t i = start + 1; i < end; ++i)
  {
    y[i + 1] = NumerovNext(f, y, i, +1);
    if (std::abs(y[i + 1]) > RescaleAbove)
    {
      for (std::size_t j = start; j <= i + 1; ++j)
      {
        y[j] /= RescaleAbove;
      }
    }
  }
  p.resize(size);
  std::fill(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(start), 0.0);
  std::fill(p.begin() + static_cast<std::ptrdiff_t>(end) + 1, p.end(), 0.0);
  for (std::size_t i = start; i <= end; ++i)
  {
    p[i] = std::sqrt(m_Grid.GetRadius(i) * this->Mass(i, energy)) * y[i];
  }
  // P = c1 F + c2 G at the two points; the amplitude sqrt(c1^2 + c2^2) is made sqrt(2 / (pi k))
  // (relativistic: sqrt(2 M / (pi k)), M = 1 + E / 2c^2, with the small component's share).
  const double eta = -m_AsymptoticCharge * (1.0 + a2 * energy) / k;
  double       fa[2], ga[2], exponentF[2], exponentG[2];
  int          status = GSL_SUCCESS;
  for (int j = 0; j < 2; ++j)
  {
    gsl_sf_result F, Fp, G, Gp;
    const double  rho = k * m_Grid.GetRadius(j == 0 ? a : b);
    const int     s = gsl_sf_coulomb_wave_FG_e(eta, rho, l, 0, &F, &Fp, &G, &Gp, &exponentF[j], &exponentG[j]);
    status = (s != GSL_SUCCESS) ? s : status;
    fa[j] = F.val;
    ga[j] = G.val;
  }
  const double target = std::sqrt(2.0 * (1.0 + 0.5 * a2 * energy) / (Pi * k));
  double       scale;
  if (status == GSL_SUCCESS && exponentF[0] == 0.0 && exponentF[1] == 0.0 && exponentG[0] == 0.0 &&
      exponentG[1] == 0.0)
  {
    const double determinant = fa[0] * ga[1] - fa[1] * ga[0];
    const double c1 = (p[a] * ga[1] - p[b] * ga[0]) / determinant;
    const double c2 = (fa[0] * p[b] - fa[1] * p[a]) / determinant;
    scale = target / std::hypot(c1, c2);
  }
  else if (status == GSL_EOVRFLW || exponentG[0] > 0.0)
  {
    // Still under the barrier: G is vast, the regular solution is F alone (in scaled form).
    scale = p[a] == 0.0 ? 0.0 : target * std::abs(fa[0]) * std::exp(exponentF[0]) / std::abs(p[a]);
  }
  else if (k * m_Grid.GetRadius(a) < -eta + std::sqrt(eta * eta + l * (l + 1.0)))
  {
    // Matched deep under the centrifugal barrier at the end of the grid (a slow, high-l wave),
    // where GSL loses accuracy: the wave does not reach the atom's interior.
    scale = 0.0;
  }
  else
  {
    itkGenericExceptionMacro(<< "RadialSchrodinger: the Coulomb functions failed at E = " << energy
                             << " hartree, l = " << l << " (" << gsl_strerror(status) << ")");
  }
  for (std::size_t i = start; i <= end; ++i)
  {
    p[i] *= scale;
  }
  validUpTo = end;
}
} // end namespace itk
