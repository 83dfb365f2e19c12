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
#include "itkGeneralizedOscillatorStrength.h"

#include "itkGSLErrorGuard.h"
#include "itkMacro.h"
#include "itkMultiThreaderBase.h"

#include <gsl/gsl_sf_bessel.h>
#include <gsl/gsl_sf_coupling.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <mutex>

namespace itk
{
namespace
{
// Terms of the partial-wave sum below this fraction of the total end it (beyond q r_c).
constexpr double PartialWaveTolerance = 1e-10;
constexpr unsigned int MaximumLambda = 150;
} // namespace

struct GeneralizedOscillatorStrength::BesselRows
{
  std::vector<unsigned int>        MaximumLambda;
  std::vector<std::vector<double>> Values; // per q: (lambda, point), point fastest
  std::vector<std::vector<size_t>> Start;  // per q and lambda: the first point where j_lambda matters
  std::vector<double>              Q;
};

GeneralizedOscillatorStrength::GeneralizedOscillatorStrength(const RadialSchrodinger &             hamiltonian,
                                                             const RadialSchrodinger::BoundState & initial,
                                                             double electrons, double bindingEnergy)
  : m_Hamiltonian(hamiltonian)
  , m_L(initial.L)
  , m_Electrons(electrons)
  , m_BindingEnergy(bindingEnergy)
  , m_InitialEnergy(initial.Energy)
{
  const RadialGrid & grid = hamiltonian.GetGrid();
  if (initial.P.size() != grid.GetSize() || !(electrons > 0.0) || !(bindingEnergy > 0.0))
  {
    itkGenericExceptionMacro(<< "GeneralizedOscillatorStrength: need an orbital on the grid, electrons > 0 and a "
                                "positive binding energy (got "
                             << electrons << ", " << bindingEnergy << ")");
  }
  std::vector<double> density(grid.GetSize());
  for (size_t i = 0; i < density.size(); ++i)
  {
    density[i] = initial.P[i] * initial.P[i];
  }
  const std::vector<double> inside = grid.CumulativeIntegral(density, 2.0 * initial.L + 2.0);
  const double              total = inside.back();
  size_t                    first = 0;
  while (first + 1 < density.size() && inside[first] < 1e-12 * total)
  {
    ++first;
  }
  size_t core = first;
  while (core + 1 < density.size() && inside[core] < (1.0 - 1e-8) * total)
  {
    ++core;
  }
  size_t last = core;
  while (last + 1 < density.size() && inside[last] < (1.0 - 1e-14) * total)
  {
    ++last;
  }
  m_CoreRadius = grid.GetRadius(core);
  // Every second grid point, an odd number of them, for Simpson's rule with step 2h.
  for (size_t i = first; i < grid.GetSize(); i += 2)
  {
    m_Points.push_back(i);
    if (i >= last && m_Points.size() % 2 == 1)
    {
      break;
    }
  }
  if (m_Points.size() % 2 == 0)
  {
    m_Points.pop_back();
  }
  const double step = 2.0 * grid.GetStep();
  for (size_t j = 0; j < m_Points.size(); ++j)
  {
    const double simpson = (j == 0 || j + 1 == m_Points.size()) ? 1.0 : (j % 2 == 1 ? 4.0 : 2.0);
    const size_t i = m_Points[j];
    m_Weighted.push_back(initial.P[i] * simpson * step / 3.0 * grid.GetRadius(i));
    if (initial.Q.size() == grid.GetSize())
    {
      m_WeightedSmall.push_back(initial.Q[i] * simpson * step / 3.0 * grid.GetRadius(i));
      m_InitialDensity.push_back(m_Weighted.back() * initial.P[i] + m_WeightedSmall.back() * initial.Q[i]);
    }
  }
}

void
GeneralizedOscillatorStrength::WeightFinal(const std::vector<double> & p, const SmallComponentFunction & q,
                                           unsigned int finalL, std::vector<double> & product) const
{
  product.resize(m_Points.size());
  for (size_t j = 0; j < m_Points.size(); ++j)
  {
    product[j] = m_Weighted[j] * p[m_Points[j]];
  }
  if (m_WeightedSmall.empty() || !q)
  {
    return;
  }
  for (size_t j = 0; j < m_Points.size(); ++j)
  {
    product[j] += m_WeightedSmall[j] * q(m_Points[j]);
  }
  if (finalL == m_L)
  {
    // Scalar-relativistic states of one l > 0 and different energies are orthogonal only to
    // order (Z alpha)^2; the final state's share of the initial one would add a monopole term
    // that grows as 1/q^2. It is projected out (for s states it is zero already).
    double overlap = 0.0;
    double norm = 0.0;
    for (size_t j = 0; j < m_Points.size(); ++j)
    {
      overlap += product[j];
      norm += m_InitialDensity[j];
    }
    for (size_t j = 0; j < m_Points.size(); ++j)
    {
      product[j] -= overlap / norm * m_InitialDensity[j];
    }
  }
}

GeneralizedOscillatorStrength::BesselRows
GeneralizedOscillatorStrength::Tabulate(const std::vector<double> & q) const
{
  for (const double qq : q)
  {
    if (!(qq > 0.0) || !std::isfinite(qq))
    {
      itkGenericExceptionMacro(<< "GeneralizedOscillatorStrength: q must be positive, got " << qq);
    }
  }
  const RadialGrid & grid = m_Hamiltonian.GetGrid();
  const size_t       points = m_Points.size();
  BesselRows         rows;
  rows.Q = q;
  rows.MaximumLambda.resize(q.size());
  rows.Values.resize(q.size());
  rows.Start.resize(q.size());
  auto threader = MultiThreaderBase::New();
  threader->ParallelizeArray(
    0,
    q.size(),
    [&](SizeValueType iq) {
      const double qq = q[iq];
      const auto   lambdaMax =
        static_cast<unsigned int>(std::min<double>(MaximumLambda, std::ceil(qq * m_CoreRadius) + 10.0));
      std::vector<double> buffer(lambdaMax + 1);
      std::vector<double> values((lambdaMax + 1) * points);
      for (size_t j = 0; j < points; ++j)
      {
        gsl_sf_bessel_jl_array(static_cast<int>(lambdaMax), qq * grid.GetRadius(m_Points[j]), buffer.data());
        for (unsigned int lambda = 0; lambda <= lambdaMax; ++lambda)
        {
          values[lambda * points + j] = buffer[lambda];
        }
      }
      // j_lambda(x) ~ x^lambda near 0: the points below 1e-14 of its first maximum add nothing.
      std::vector<size_t> start(lambdaMax + 1, 0);
      for (unsigned int lambda = 1; lambda <= lambdaMax; ++lambda)
      {
        const double * row = values.data() + lambda * points;
        while (start[lambda] + 1 < points && std::abs(row[start[lambda]]) < 1e-14)
        {
          ++start[lambda];
        }
      }
      rows.MaximumLambda[iq] = lambdaMax;
      rows.Values[iq] = std::move(values);
      rows.Start[iq] = std::move(start);
    },
    nullptr);
  return rows;
}

template <typename TFinal>
double
GeneralizedOscillatorStrength::AngularSum(const BesselRows & rows, std::size_t qIndex, TFinal && finalOrbital) const
{
  const size_t   points = m_Points.size();
  const double * bessel = rows.Values[qIndex].data();
  const double   lambdaConverged = rows.Q[qIndex] * m_CoreRadius;
  double         total = 0.0;
  for (unsigned int lambda = 0; lambda <= rows.MaximumLambda[qIndex]; ++lambda)
  {
    double term = 0.0;
    for (unsigned int lf = (lambda > m_L ? lambda - m_L : m_L - lambda); lf <= m_L + lambda; lf += 2)
    {
      const double * final = finalOrbital(lf);
      if (final == nullptr)
      {
        continue;
      }
      double radial = 0.0;
      for (size_t j = rows.Start[qIndex][lambda]; j < points; ++j)
      {
        radial += final[j] * bessel[lambda * points + j];
      }
      const double threeJ = gsl_sf_coupling_3j(2 * m_L, 2 * lambda, 2 * lf, 0, 0, 0);
      term += (2.0 * lf + 1.0) * threeJ * threeJ * radial * radial;
    }
    term *= 2.0 * lambda + 1.0;
    total += term;
    if (lambda > lambdaConverged && total > 0.0 && term <= PartialWaveTolerance * total)
    {
      break;
    }
  }
  return total;
}

std::vector<double>
GeneralizedOscillatorStrength::Continuum(const std::vector<double> & freeEnergies, const std::vector<double> & q,
                                         unsigned int threads) const
{
  for (const double e : freeEnergies)
  {
    if (!(e > 0.0) || !std::isfinite(e))
    {
      itkGenericExceptionMacro(<< "GeneralizedOscillatorStrength: ejected energies must be positive, got " << e);
    }
  }
  const GSLErrorGuard guard;
  const BesselRows    rows = this->Tabulate(q);
  const size_t        nE = freeEnergies.size();
  std::vector<double> values(q.size() * nE, 0.0);
  std::mutex          errorMutex;
  std::exception_ptr  error;
  auto                threader = MultiThreaderBase::New();
  if (threads > 0)
  {
    threader->SetMaximumNumberOfThreads(threads);
    threader->SetNumberOfWorkUnits(threads);
  }
  threader->ParallelizeArray(
    0,
    nE,
    [&](SizeValueType e) {
      try
      {
        const double                     energy = freeEnergies[e];
        // Per l', the weighted products with the initial orbital at the integration points
        // (computed on demand). The storage is kept by the thread: fresh memory for every wave
        // cost a quarter of the time in page faults.
        thread_local std::vector<std::vector<double>> waves;
        thread_local std::vector<double>              p;
        unsigned int                                  computed = 0;
        const auto                                    finalOrbital = [&](unsigned int lf) -> const double * {
          for (; computed <= lf; ++computed)
          {
            size_t valid = 0;
            m_Hamiltonian.SolveContinuum(energy, computed, valid, p);
            if (waves.size() <= computed)
            {
              waves.emplace_back();
            }
            this->WeightFinal(
              p, [&](size_t i) { return m_Hamiltonian.SmallComponentAt(p, energy, i); }, computed, waves[computed]);
          }
          return waves[lf].data();
        };
        const double loss = m_BindingEnergy + energy;
        for (size_t iq = 0; iq < q.size(); ++iq)
        {
          values[iq * nE + e] = 2.0 * loss / (q[iq] * q[iq]) * m_Electrons * this->AngularSum(rows, iq, finalOrbital);
        }
      }
      catch (...)
      {
        const std::lock_guard<std::mutex> lock(errorMutex);
        error = error ? error : std::current_exception();
      }
    },
    nullptr);
  if (error)
  {
    std::rethrow_exception(error);
  }
  return values;
}

double
GeneralizedOscillatorStrength::BoundTransition(const RadialSchrodinger::BoundState & final, double q) const
{
  const GSLErrorGuard guard;
  const BesselRows    rows = this->Tabulate({ q });
  std::vector<double> sampled;
  const auto small = [&](size_t i) { return final.Q[i]; };
  this->WeightFinal(final.P, final.Q.empty() ? SmallComponentFunction() : SmallComponentFunction(small), final.L,
                    sampled);
  const double loss = final.Energy - m_InitialEnergy;
  const double sum =
    this->AngularSum(rows, 0, [&](unsigned int lf) -> const double * { return lf == final.L ? sampled.data() : nullptr; });
  return 2.0 * loss / (q * q) * m_Electrons * sum;
}
} // end namespace itk
