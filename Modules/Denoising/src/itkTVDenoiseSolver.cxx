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
#include "itkTVDenoiseSolver.h"

#include "itkEMParallelRanges.h"
#include "itkMacro.h"
#include "itkTVDenoiseKernels.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace itk
{
namespace TVDenoiseDetail
{
template <typename T>
inline T
Clamp(T value, T lower, T upper)
{
  return std::min(std::max(value, lower), upper);
}
} // namespace TVDenoiseDetail

template <typename TReal>
void
TVDenoiseSolver<TReal>::SetGrid(const std::vector<SizeValueType> & size,
                                const std::vector<double> &        axisCoefficients,
                                SizeValueType                      numberOfImages)
{
  if (size.size() != axisCoefficients.size() || size.empty())
  {
    itkGenericExceptionMacro(<< "TVDenoiseSolver: " << size.size() << " axis sizes but " << axisCoefficients.size()
                             << " axis coefficients");
  }
  if (numberOfImages == 0)
  {
    itkGenericExceptionMacro(<< "TVDenoiseSolver: the number of images must be at least 1");
  }
  std::vector<SizeValueType> keptSize;
  std::vector<double>        keptCoefficient;
  SizeValueType              pixels = 1;
  for (size_t d = 0; d < size.size(); ++d)
  {
    if (size[d] == 0)
    {
      itkGenericExceptionMacro(<< "TVDenoiseSolver: axis " << d << " has no samples");
    }
    if (!std::isfinite(axisCoefficients[d]) || axisCoefficients[d] < 0.0)
    {
      itkGenericExceptionMacro(<< "TVDenoiseSolver: axis weight/spacing coefficient " << d << " must be finite and >= 0, got "
                               << axisCoefficients[d]);
    }
    pixels *= size[d];
    if (size[d] > 1)
    {
      keptSize.push_back(size[d]);
      keptCoefficient.push_back(axisCoefficients[d]);
    }
  }
  if (keptSize.size() > 3)
  {
    itkGenericExceptionMacro(<< "TVDenoiseSolver: at most three axes may have more than one sample, got "
                             << keptSize.size());
  }
  m_NumberOfImages = numberOfImages;
  m_PixelsPerImage = pixels;
  m_NumberOfFields = static_cast<unsigned int>(keptSize.size());
  m_HasMidAxis = keptSize.size() == 3;
  keptSize.resize(3, 1);
  keptCoefficient.resize(3, 0.0);
  m_RowLength = keptSize[0];
  m_CoefficientX = keptCoefficient[0];
  if (m_HasMidAxis)
  {
    m_RowsPerSlab = keptSize[1];
    m_CoefficientMid = keptCoefficient[1];
    m_SlabsPerImage = keptSize[2];
    m_CoefficientSlow = keptCoefficient[2];
  }
  else
  {
    m_RowsPerSlab = 1;
    m_CoefficientMid = 0.0;
    m_SlabsPerImage = keptSize[1];
    m_CoefficientSlow = keptCoefficient[1];
  }
  m_SlabLength = m_RowLength * m_RowsPerSlab;
  m_TotalSlabs = m_SlabsPerImage * m_NumberOfImages;
  // Allocated without initialisation: the first solve zeroes the fields from the threads that
  // work on them (parallel first touch).
  m_DualLength = (m_HasMidAxis ? 3 : 2) * this->GetNumberOfPixels();
  m_P.reset(new TReal[m_DualLength]);
  m_R.reset();
  m_DualIsZero = true;
}

template <typename TReal>
double
TVDenoiseSolver<TReal>::GetOperatorNormBound() const
{
  return 4.0 * (m_CoefficientX * m_CoefficientX + m_CoefficientMid * m_CoefficientMid +
                m_CoefficientSlow * m_CoefficientSlow);
}

template <typename TReal>
void
TVDenoiseSolver<TReal>::ResetDual()
{
  m_DualIsZero = true;
}

template <typename TReal>
void
TVDenoiseSolver<TReal>::CheckSettings() const
{
  if (!m_P)
  {
    itkGenericExceptionMacro(<< "TVDenoiseSolver: SetGrid() was not called");
  }
  if (!std::isfinite(m_Lambda) || m_Lambda < 0.0)
  {
    itkGenericExceptionMacro(<< "TVDenoiseSolver: Lambda must be a finite number >= 0, got " << m_Lambda);
  }
  if (!(m_Tolerance >= 0.0))
  {
    itkGenericExceptionMacro(<< "TVDenoiseSolver: Tolerance must be >= 0, got " << m_Tolerance);
  }
  if (m_CheckInterval == 0)
  {
    itkGenericExceptionMacro(<< "TVDenoiseSolver: CheckInterval must be at least 1");
  }
  if (std::isnan(m_LowerBound) || std::isnan(m_UpperBound) || m_LowerBound > m_UpperBound)
  {
    itkGenericExceptionMacro(<< "TVDenoiseSolver: invalid bounds [" << m_LowerBound << ", " << m_UpperBound << "]");
  }
  if (!std::isfinite(m_HuberDelta) || m_HuberDelta < 0.0)
  {
    itkGenericExceptionMacro(<< "TVDenoiseSolver: HuberDelta must be finite and >= 0, got " << m_HuberDelta);
  }
  if (m_Counts != nullptr && (!(m_PoissonTau > 0.0) || !(m_PoissonEpsilon >= 0.0) || !std::isfinite(m_PoissonTau) ||
                              !std::isfinite(m_PoissonLinearWeight) || !std::isfinite(m_PoissonEpsilon)))
  {
    itkGenericExceptionMacro(<< "TVDenoiseSolver: invalid Poisson data term (tau " << m_PoissonTau << ", linear weight "
                             << m_PoissonLinearWeight << ", epsilon " << m_PoissonEpsilon << ")");
  }
}

template <typename TReal>
void
TVDenoiseSolver<TReal>::Allocate()
{
  // One chunk per thread (not per work unit): every extra chunk costs halo work and a seam.
  SizeValueType workUnits = 1;
  if (m_MultiThreader != nullptr)
  {
    workUnits = std::min<SizeValueType>(m_MultiThreader->GetNumberOfWorkUnits(),
                                        m_MultiThreader->GetMaximumNumberOfThreads());
  }
  m_NumberOfChunks = std::max<SizeValueType>(1, std::min(workUnits, m_TotalSlabs));
  m_ChunkStart.resize(m_NumberOfChunks + 1);
  for (SizeValueType c = 0; c <= m_NumberOfChunks; ++c)
  {
    m_ChunkStart[c] = c * m_TotalSlabs / m_NumberOfChunks;
  }
  m_Chunks.resize(m_NumberOfChunks);
  m_Zeros.assign(m_SlabLength, TReal(0));
  m_SlabSumA.assign(m_TotalSlabs, 0.0);
  m_SlabSumB.assign(m_TotalSlabs, 0.0);
  m_SlabSumC.assign(m_TotalSlabs, 0.0);
  if (this->HasMomentum() && !m_R)
  {
    m_R.reset(new TReal[m_DualLength]);
  }

  if (m_StoppingCriterion == StoppingCriterionEnum::RelativeChange)
  {
    m_PreviousU.resize(this->GetNumberOfPixels());
  }
}

template <typename TReal>
template <typename TFunction>
void
TVDenoiseSolver<TReal>::ForEachChunk(TFunction && function)
{
  EMParallelRanges(m_MultiThreader, m_NumberOfChunks, 1, [&](SizeValueType chunk, SizeValueType, SizeValueType) {
    function(chunk);
  });
}

template <typename TReal>
void
TVDenoiseSolver<TReal>::MaterializeZeroDual()
{
  if (m_DualIsZero)
  {
    this->ForEachField([](TReal * p, TReal * r, SizeValueType n) {
      std::fill(p, p + n, TReal(0));
      if (r != nullptr)
      {
        std::fill(r, r + n, TReal(0));
      }
    });
    m_DualIsZero = false;
  }
}

template <typename TReal>
template <typename TFunction>
void
TVDenoiseSolver<TReal>::ForEachField(TFunction && function)
{
  const SizeValueType total = this->GetNumberOfPixels();
  const unsigned int  axes = m_HasMidAxis ? 3 : 2;
  this->ForEachChunk([&](SizeValueType chunk) {
    const SizeValueType begin = m_ChunkStart[chunk] * m_SlabLength;
    const SizeValueType count = (m_ChunkStart[chunk + 1] - m_ChunkStart[chunk]) * m_SlabLength;
    for (unsigned int axis = 0; axis < axes; ++axis)
    {
      const SizeValueType offset = axis * total + begin;
      function(m_P.get() + offset, m_R ? m_R.get() + offset : nullptr, count);
    }
  });
}

template <typename TReal>
auto
TVDenoiseSolver<TReal>::MainSlab(SizeValueType slab) -> SlabState
{
  const SizeValueType total = this->GetNumberOfPixels();
  const SizeValueType base = slab * m_SlabLength;
  // Field order: x, [mid,] slow.
  const auto field = [&](const std::unique_ptr<TReal[]> & storage, unsigned int axis) -> TReal * {
    return storage.get() + axis * total + base;
  };
  SlabState state;
  state.PX = field(m_P, 0);
  state.PMid = m_HasMidAxis ? field(m_P, 1) : nullptr;
  state.PSlow = field(m_P, m_HasMidAxis ? 2 : 1);
  if (this->HasMomentum())
  {
    state.RX = field(m_R, 0);
    state.RMid = m_HasMidAxis ? field(m_R, 1) : nullptr;
    state.RSlow = field(m_R, m_HasMidAxis ? 2 : 1);
  }
  return state;
}

template <typename TReal>
auto
TVDenoiseSolver<TReal>::BlockSlab(SizeValueType chunk, SizeValueType slab) -> SlabState
{
  const SizeValueType first = m_ChunkStart[chunk];
  const SizeValueType last = m_ChunkStart[chunk + 1];
  if (slab >= first && slab < last)
  {
    return this->MainSlab(slab);
  }
  ChunkScratch &      scratch = m_Chunks[chunk];
  const SizeValueType haloIndex = slab < first ? slab - scratch.Low : (first - scratch.Low) + (slab - last);
  TReal *             base = scratch.Halo.data() + haloIndex * this->FieldsPerState() * m_SlabLength;
  const auto          field = [&](unsigned int k) { return base + k * m_SlabLength; };
  const unsigned int  axes = m_HasMidAxis ? 3 : 2;
  SlabState           state;
  state.PX = field(0);
  state.PMid = m_HasMidAxis ? field(1) : nullptr;
  state.PSlow = field(axes - 1);
  if (this->HasMomentum())
  {
    state.RX = field(axes);
    state.RMid = m_HasMidAxis ? field(axes + 1) : nullptr;
    state.RSlow = field(2 * axes - 1);
  }
  return state;
}

template <typename TReal>
void
TVDenoiseSolver<TReal>::ComputePrimalSlab(SizeValueType base,
                                          const TReal * f,
                                          const TReal * dx,
                                          const TReal * dMid,
                                          const TReal * dSlow,
                                          const TReal * dSlowPrevious,
                                          TReal *       out,
                                          bool          clampToBounds) const
{
  TVDenoiseKernels::PrimalRowArguments<TReal> row;
  row.Length = m_RowLength;
  row.Lambda = static_cast<TReal>(m_Lambda);
  row.CoefficientX = static_cast<TReal>(m_CoefficientX);
  row.CoefficientMid = static_cast<TReal>(m_CoefficientMid);
  row.CoefficientSlow = static_cast<TReal>(m_CoefficientSlow);
  row.Lower = clampToBounds ? static_cast<TReal>(m_LowerBound) : -std::numeric_limits<TReal>::infinity();
  row.Upper = clampToBounds ? static_cast<TReal>(m_UpperBound) : std::numeric_limits<TReal>::infinity();
  row.Tau = static_cast<TReal>(m_PoissonTau);
  row.LinearWeight = static_cast<TReal>(m_PoissonLinearWeight);
  row.Epsilon = static_cast<TReal>(m_PoissonEpsilon);
  for (SizeValueType r = 0; r < m_RowsPerSlab; ++r)
  {
    const SizeValueType o = r * m_RowLength;
    row.Counts = m_Counts != nullptr ? m_Counts + base + o : nullptr;
    row.F = f + o;
    row.DualX = dx + o;
    row.DualMid = m_HasMidAxis ? dMid + o : nullptr;
    row.DualMidPrevious = (m_HasMidAxis && r > 0) ? dMid + o - m_RowLength : m_Zeros.data();
    row.DualSlow = dSlow + o;
    row.DualSlowPrevious = dSlowPrevious + o;
    row.Out = out + o;
    TVDenoiseKernels::PrimalRow(row);
  }
}

template <typename TReal>
void
TVDenoiseSolver<TReal>::UpdateDualSlab(const SlabState & state,
                                       const TReal *     u,
                                       const TReal *     uNext,
                                       TReal             beta,
                                       bool              zeroDual) const
{
  TVDenoiseKernels::DualRowArguments<TReal> row;
  row.Length = m_RowLength;
  row.Tau = m_Tau;
  row.Beta = beta;
  row.CoefficientX = static_cast<TReal>(m_CoefficientX);
  row.CoefficientMid = static_cast<TReal>(m_CoefficientMid);
  row.CoefficientSlow = static_cast<TReal>(m_CoefficientSlow);
  row.Isotropic = m_Norm == NormEnum::Isotropic;
  row.Shrink = static_cast<TReal>(1.0 / (1.0 + static_cast<double>(m_Tau) * m_HuberDelta));
  row.ZeroDual = zeroDual;
  const auto offset = [](TReal * pointer, SizeValueType o) { return pointer != nullptr ? pointer + o : nullptr; };
  for (SizeValueType r = 0; r < m_RowsPerSlab; ++r)
  {
    const SizeValueType o = r * m_RowLength;
    row.U = u + o;
    row.UMidNext = (m_HasMidAxis && r + 1 < m_RowsPerSlab) ? u + o + m_RowLength : u + o;
    row.USlowNext = uNext + o;
    row.PX = state.PX + o;
    row.PMid = offset(state.PMid, o);
    row.PSlow = state.PSlow + o;
    row.RX = offset(state.RX, o);
    row.RMid = offset(state.RMid, o);
    row.RSlow = offset(state.RSlow, o);
    TVDenoiseKernels::DualRow(row);
  }
}

template <typename TReal>
SizeValueType
TVDenoiseSolver<TReal>::BlockDepth(SizeValueType remainingIterations) const
{
  // Fuse as many iterations as keep the wavefront's working set (about depth + 2 slabs of state
  // plus two primal slabs per level) within 1 MiB, a typical per-core L2 cache, and keep the
  // redundant halo work small against the chunk.
  constexpr double    cacheBudget = 1024.0 * 1024.0;
  const double        stateBytes = static_cast<double>(m_SlabLength * sizeof(TReal) * (1 + this->FieldsPerState()));
  const double        primalBytes = static_cast<double>(m_SlabLength * sizeof(TReal));
  SizeValueType       smallestChunk = m_TotalSlabs;
  for (SizeValueType c = 0; c < m_NumberOfChunks; ++c)
  {
    smallestChunk = std::min(smallestChunk, m_ChunkStart[c + 1] - m_ChunkStart[c]);
  }
  SizeValueType depth = std::min(m_MaximumBlockDepth, std::max<SizeValueType>(1, smallestChunk / 4));
  while (depth > 1 && (depth + 2) * stateBytes + 2 * depth * primalBytes > cacheBudget)
  {
    --depth;
  }
  return std::max<SizeValueType>(1, std::min(depth, remainingIterations));
}

template <typename TReal>
void
TVDenoiseSolver<TReal>::CopyHalo(SizeValueType chunk, SizeValueType depth)
{
  const SizeValueType first = m_ChunkStart[chunk];
  const SizeValueType last = m_ChunkStart[chunk + 1];
  ChunkScratch &      scratch = m_Chunks[chunk];
  if (first == last)
  {
    scratch.Low = scratch.High = first;
    return;
  }
  // The extended range stays inside the images of the chunk's first and last slabs.
  const SizeValueType imageStart = first - first % m_SlabsPerImage;
  const SizeValueType imageEnd = (last - 1) - (last - 1) % m_SlabsPerImage + m_SlabsPerImage;
  scratch.Low = first - std::min(depth, first - imageStart);
  scratch.High = last + std::min(depth, imageEnd - last);
  const unsigned int fields = this->FieldsPerState();
  scratch.Halo.resize((scratch.High - scratch.Low - (last - first)) * fields * m_SlabLength);
  scratch.Primal.resize(2 * depth * m_SlabLength);
  if (m_DualIsZero)
  {
    return; // the first level reads zeros and writes the halo itself
  }
  for (SizeValueType slab = scratch.Low; slab < scratch.High; ++slab)
  {
    if (slab >= first && slab < last)
    {
      continue;
    }
    const SlabState from = this->MainSlab(slab);
    const SlabState to = this->BlockSlab(chunk, slab);
    const TReal *   source[6] = { from.PX, from.PMid, from.PSlow, from.RX, from.RMid, from.RSlow };
    TReal *         target[6] = { to.PX, to.PMid, to.PSlow, to.RX, to.RMid, to.RSlow };
    for (unsigned int k = 0; k < 6; ++k)
    {
      if (source[k] != nullptr)
      {
        std::copy(source[k], source[k] + m_SlabLength, target[k]);
      }
    }
  }
}

template <typename TReal>
void
TVDenoiseSolver<TReal>::IterateBlock(const TReal * f, SizeValueType chunk, const std::vector<LevelSettings> & levels)
{
  const SizeValueType first = m_ChunkStart[chunk];
  const SizeValueType last = m_ChunkStart[chunk + 1];
  ChunkScratch &      scratch = m_Chunks[chunk];
  const SizeValueType low = scratch.Low;
  const SizeValueType high = scratch.High;
  const SizeValueType depth = levels.size();
  if (first == last)
  {
    return;
  }
  const bool momentum = this->HasMomentum();
  const bool clampInside = m_Algorithm != AlgorithmEnum::ReferenceGPLag;
  // Slab s's primal image at level l lives in slot (s % 2) of that level: the slot of s + 1 is
  // the other one, so the pair (u(s), u(s + 1)) needed by the dual update is always available.
  // From a zero dual without clamping (the reference's first level) the primal image is f itself.
  const auto primalIsInput = [&](SizeValueType level) { return levels[level].ZeroDual && !clampInside; };
  const auto primalSlot = [&](SizeValueType level, SizeValueType slab) -> const TReal * {
    if (primalIsInput(level))
    {
      return f + slab * m_SlabLength;
    }
    return scratch.Primal.data() + (2 * level + slab % 2) * m_SlabLength;
  };
  const auto formPrimal = [&](SizeValueType level, SizeValueType slab) {
    TReal * out = scratch.Primal.data() + (2 * level + slab % 2) * m_SlabLength;
    if (primalIsInput(level))
    {
      return;
    }
    if (levels[level].ZeroDual)
    {
      const TReal * zeros = m_Zeros.data(); // div 0 = 0: u = clamp(f)
      this->ComputePrimalSlab(slab * m_SlabLength,
                              f + slab * m_SlabLength,
                              zeros,
                              m_HasMidAxis ? zeros : nullptr,
                              zeros,
                              zeros,
                              out,
                              clampInside);
      return;
    }
    const SlabState state = this->BlockSlab(chunk, slab);
    const bool      boundary = slab == low || this->IsSlowAxisStart(slab);
    const TReal *   previousSlow = m_Zeros.data();
    if (!boundary)
    {
      const SlabState previous = this->BlockSlab(chunk, slab - 1);
      previousSlow = momentum ? previous.RSlow : previous.PSlow;
    }
    this->ComputePrimalSlab(slab * m_SlabLength,
                            f + slab * m_SlabLength,
                            momentum ? state.RX : state.PX,
                            momentum ? state.RMid : state.PMid,
                            momentum ? state.RSlow : state.PSlow,
                            previousSlow,
                            out,
                            clampInside);
  };

  for (SizeValueType front = low; front < high + depth - 1; ++front)
  {
    for (SizeValueType level = 0; level < depth; ++level)
    {
      if (front < low + level || front - level >= high)
      {
        continue;
      }
      const SizeValueType slab = front - level;
      const bool          rangeStart = slab == low || this->IsSlowAxisStart(slab);
      const bool          rangeEnd = slab + 1 == high || this->IsSlowAxisEnd(slab);
      if (rangeStart)
      {
        formPrimal(level, slab);
      }
      if (!rangeEnd)
      {
        formPrimal(level, slab + 1);
      }
      const TReal * u = primalSlot(level, slab);
      const TReal * uNext = rangeEnd ? u : primalSlot(level, slab + 1);
      const LevelSettings & settings = levels[level];
      if (!settings.SkipDualUpdate)
      {
        this->UpdateDualSlab(this->BlockSlab(chunk, slab), u, uNext, settings.Beta, settings.ZeroDual);
      }

      if (slab < first || slab >= last)
      {
        continue;
      }
      const SizeValueType base = slab * m_SlabLength;
      if (settings.CompareU != nullptr)
      {
        double change = 0.0;
        double norm = 0.0;
        for (SizeValueType i = 0; i < m_SlabLength; ++i)
        {
          const double difference = static_cast<double>(u[i]) - settings.CompareU[base + i];
          change += difference * difference;
          norm += static_cast<double>(u[i]) * u[i];
        }
        m_SlabSumA[slab] = change;
        m_SlabSumB[slab] = norm;
      }
      if (settings.StoreU != nullptr && settings.ClampStore)
      {
        const auto lower = static_cast<TReal>(m_LowerBound);
        const auto upper = static_cast<TReal>(m_UpperBound);
        for (SizeValueType i = 0; i < m_SlabLength; ++i)
        {
          settings.StoreU[base + i] = TVDenoiseDetail::Clamp(u[i], lower, upper);
        }
      }
      else if (settings.StoreU != nullptr)
      {
        std::copy(u, u + m_SlabLength, settings.StoreU + base);
      }
    }
  }
}

template <typename TReal>
auto
TVDenoiseSolver<TReal>::Evaluate(const TReal * f, TReal * u) -> Objectives
{
  this->CheckSettings();
  this->Allocate();
  this->MaterializeZeroDual();
  return this->ComputeObjectives(f, u);
}

template <typename TReal>
void
TVDenoiseSolver<TReal>::ComputePrimal(const TReal * f, TReal * u)
{
  this->ForEachChunk([&](SizeValueType chunk) {
    for (SizeValueType slab = m_ChunkStart[chunk]; slab < m_ChunkStart[chunk + 1]; ++slab)
    {
      const SizeValueType base = slab * m_SlabLength;
      const SlabState     state = this->MainSlab(slab);
      const TReal * previousSlow = this->IsSlowAxisStart(slab) ? m_Zeros.data() : state.PSlow - m_SlabLength;
      this->ComputePrimalSlab(base, f + base, state.PX, state.PMid, state.PSlow, previousSlow, u + base, true);
    }
  });
}

template <typename TReal>
auto
TVDenoiseSolver<TReal>::ComputeObjectives(const TReal * f, TReal * u) -> Objectives
{
  this->ForEachChunk([&](SizeValueType chunk) {
    for (SizeValueType slab = m_ChunkStart[chunk]; slab < m_ChunkStart[chunk + 1]; ++slab)
    {
      const SizeValueType base = slab * m_SlabLength;
      const SlabState     state = this->MainSlab(slab);
      const TReal * previousSlow = this->IsSlowAxisStart(slab) ? m_Zeros.data() : state.PSlow - m_SlabLength;
      this->ComputePrimalSlab(base, f + base, state.PX, state.PMid, state.PSlow, previousSlow, u + base, true);
      m_SlabSumA[slab] = this->SlabDataEnergy(f, u, base);
    }
  });
  this->ForEachChunk([&](SizeValueType chunk) {
    for (SizeValueType slab = m_ChunkStart[chunk]; slab < m_ChunkStart[chunk + 1]; ++slab)
    {
      const SlabState     state = this->MainSlab(slab);
      const TReal * const p[3] = { state.PX, state.PMid, state.PSlow };
      this->SlabObjectiveTerms(u, p, slab, m_SlabSumB[slab], m_SlabSumC[slab]);
    }
  });
  const double fidelity = std::accumulate(m_SlabSumA.begin(), m_SlabSumA.end(), 0.0);
  const double tv = std::accumulate(m_SlabSumB.begin(), m_SlabSumB.end(), 0.0);
  const double gap = std::accumulate(m_SlabSumC.begin(), m_SlabSumC.end(), 0.0);
  Objectives   objectives;
  objectives.PrimalEnergy = fidelity + m_Lambda * tv;
  objectives.DualityGap = m_Lambda * gap;
  objectives.SkimageEnergy = (2.0 * fidelity + m_Lambda * tv) / static_cast<double>(this->GetNumberOfPixels());
  return objectives;
}

template <typename TReal>
void
TVDenoiseSolver<TReal>::SlabObjectiveTerms(const TReal *        u,
                                           const TReal * const * p,
                                           SizeValueType         slab,
                                           double &              tv,
                                           double &              gap) const
{
  const SizeValueType base = slab * m_SlabLength;
  const TReal *       slabU = u + base;
  const TReal *       slabNext = this->IsSlowAxisEnd(slab) ? slabU : slabU + m_SlabLength;
  TVDenoiseKernels::ObjectiveRowArguments<TReal> row;
  row.Length = m_RowLength;
  row.CoefficientX = m_CoefficientX;
  row.CoefficientMid = m_CoefficientMid;
  row.CoefficientSlow = m_CoefficientSlow;
  row.HasMid = m_HasMidAxis;
  row.Isotropic = m_Norm == NormEnum::Isotropic;
  row.HuberDelta = m_HuberDelta;
  tv = 0.0;
  gap = 0.0;
  for (SizeValueType r = 0; r < m_RowsPerSlab; ++r)
  {
    const SizeValueType o = r * m_RowLength;
    row.U = slabU + o;
    row.UMidNext = (m_HasMidAxis && r + 1 < m_RowsPerSlab) ? row.U + m_RowLength : row.U;
    row.USlowNext = slabNext + o;
    row.PX = p != nullptr ? p[0] + o : nullptr;
    row.PMid = (p != nullptr && m_HasMidAxis) ? p[1] + o : nullptr;
    row.PSlow = p != nullptr ? p[2] + o : nullptr;
    TVDenoiseKernels::ObjectiveRow(row, tv, gap);
  }
}

template <typename TReal>
double
TVDenoiseSolver<TReal>::SlabDataEnergy(const TReal * f, const TReal * u, SizeValueType base) const
{
  double energy = 0.5 * TVDenoiseKernels::SquaredDistance(u + base, f + base, m_SlabLength);
  if (m_Counts != nullptr)
  {
    energy += m_PoissonTau * TVDenoiseKernels::PoissonEnergy(
                               u + base, m_Counts + base, m_SlabLength, m_PoissonLinearWeight, m_PoissonEpsilon);
  }
  return energy;
}

template <typename TReal>
double
TVDenoiseSolver<TReal>::PrimalEnergy(const TReal * f, const TReal * u)
{
  this->CheckSettings();
  this->Allocate();
  return this->ComputePrimalEnergy(f, u);
}

template <typename TReal>
double
TVDenoiseSolver<TReal>::ComputePrimalEnergy(const TReal * f, const TReal * u)
{
  this->ForEachChunk([&](SizeValueType chunk) {
    for (SizeValueType slab = m_ChunkStart[chunk]; slab < m_ChunkStart[chunk + 1]; ++slab)
    {
      m_SlabSumA[slab] = this->SlabDataEnergy(f, u, slab * m_SlabLength);
      this->SlabObjectiveTerms(u, nullptr, slab, m_SlabSumB[slab], m_SlabSumC[slab]);
    }
  });
  return std::accumulate(m_SlabSumA.begin(), m_SlabSumA.end(), 0.0) +
         m_Lambda * std::accumulate(m_SlabSumB.begin(), m_SlabSumB.end(), 0.0);
}

template <typename TReal>
template <typename TAxisVisitor>
void
TVDenoiseSolver<TReal>::ForEachGradientAxis(TAxisVisitor && visit) const
{
  const SizeValueType strides[3] = { 1, m_RowLength, m_SlabLength };
  const SizeValueType sizes[3] = { m_RowLength, m_RowsPerSlab, m_SlabsPerImage };
  const double        coefficients[3] = { m_CoefficientX, m_CoefficientMid, m_CoefficientSlow };
  unsigned int        field = 0;
  for (unsigned int axis = 0; axis < 3; ++axis)
  {
    // An axis of one sample has no gradient component, so it owns no field.
    if (sizes[axis] > 1)
    {
      visit(field++, strides[axis], sizes[axis], coefficients[axis]);
    }
  }
}

template <typename TReal>
void
TVDenoiseSolver<TReal>::Gradient(const TReal * u, TReal * gradient) const
{
  const SizeValueType total = this->GetNumberOfPixels();
  this->ForEachGradientAxis([&](unsigned int field, SizeValueType stride, SizeValueType size, double coefficient) {
    TReal * g = gradient + field * total;
    for (SizeValueType k = 0; k < total; ++k)
    {
      const bool last = (k / stride) % size == size - 1;
      g[k] = last ? TReal(0) : static_cast<TReal>(coefficient * (u[k + stride] - u[k]));
    }
  });
}

template <typename TReal>
void
TVDenoiseSolver<TReal>::Divergence(const TReal * fieldData, TReal * divergence) const
{
  const SizeValueType total = this->GetNumberOfPixels();
  std::fill(divergence, divergence + total, TReal(0));
  this->ForEachGradientAxis([&](unsigned int field, SizeValueType stride, SizeValueType size, double coefficient) {
    const TReal * p = fieldData + field * total;
    for (SizeValueType k = 0; k < total; ++k)
    {
      const SizeValueType position = (k / stride) % size;
      const double        here = position + 1 < size ? p[k] : 0.0;
      const double        before = position > 0 ? p[k - stride] : 0.0;
      divergence[k] += static_cast<TReal>(coefficient * (here - before));
    }
  });
}

template <typename TReal>
auto
TVDenoiseSolver<TReal>::Solve(const TReal * f, TReal * u, const IterationCallback & callback) -> Report
{
  this->CheckSettings();
  this->Allocate();
  Report              report;
  const SizeValueType total = this->GetNumberOfPixels();
  const auto          lower = static_cast<TReal>(m_LowerBound);
  const auto          upper = static_cast<TReal>(m_UpperBound);
  const SizeValueType iterations = m_MaximumNumberOfIterations;
  const double        bound = this->GetOperatorNormBound();
  const bool          reference = m_Algorithm == AlgorithmEnum::ReferenceGPLag;

  if (reference && iterations == 0)
  {
    // The reference's zero-iteration output: its (zero-initialised) output image, bounded.
    std::fill(u, u + total, TVDenoiseDetail::Clamp(TReal(0), lower, upper));
    report.Energy = this->ComputePrimalEnergy(f, u);
    report.DualityGap = std::numeric_limits<double>::quiet_NaN();
    return report;
  }
  if (bound == 0.0 || m_Lambda == 0.0)
  {
    // No coupling between pixels: the pointwise projection (or Poisson prox) of f is the solution.
    this->ResetDual();
    this->MaterializeZeroDual();
    const Objectives objectives = this->ComputeObjectives(f, u);
    report.Energy = objectives.PrimalEnergy;
    report.DualityGap = 0.0;
    report.Converged = true;
    return report;
  }

  m_Tau = static_cast<TReal>(1.0 / (m_Lambda * bound));
  const bool momentum = m_Algorithm == AlgorithmEnum::FGP;
  if (momentum && !m_DualIsZero)
  {
    this->ForEachField([](TReal * p, TReal * r, SizeValueType n) { std::copy(p, p + n, r); }); // r_1 = p_0
  }

  double skimageInitial = 0.0;
  double skimagePrevious = 0.0;
  if (m_StoppingCriterion == StoppingCriterionEnum::SkimageEnergy)
  {
    skimageInitial = this->ComputePrimalEnergy(f, f) / static_cast<double>(total); // lambda TV(f) / |Omega|
    skimagePrevious = skimageInitial;
  }
  const bool   relativeChange = !reference && m_StoppingCriterion == StoppingCriterionEnum::RelativeChange;
  unsigned int relativeChangeHits = 0;
  bool         evaluatedAtLastIteration = false;
  double       t = 1.0;
  const bool   checks = !reference && m_EvaluateObjectives;
  const auto   isCheck = [&](SizeValueType k) { return checks && (k % m_CheckInterval == 0 || k == iterations); };

  std::vector<LevelSettings> levels;
  for (SizeValueType done = 0; done < iterations;)
  {
    // A block ends at the next check, so that every check sees a completed iteration.
    SizeValueType untilCheck = iterations - done;
    if (checks)
    {
      untilCheck = std::min(untilCheck, m_CheckInterval - done % m_CheckInterval);
    }
    const SizeValueType depth = this->BlockDepth(untilCheck);
    levels.assign(depth, LevelSettings());
    for (SizeValueType level = 0; level < depth; ++level)
    {
      const SizeValueType k = done + level + 1;
      LevelSettings &     settings = levels[level];
      if (momentum)
      {
        const double tNext = 0.5 * (1.0 + std::sqrt(1.0 + 4.0 * t * t));
        settings.Beta = static_cast<TReal>((t - 1.0) / tNext);
        t = tNext;
      }
      if (reference && k == iterations)
      {
        settings.StoreU = u; // the reference keeps the primal image formed before the last update
        settings.ClampStore = true;
        settings.SkipDualUpdate = !m_EvaluateObjectives; // nobody looks at the final dual
      }
      settings.ZeroDual = m_DualIsZero && level == 0;
      if (relativeChange && isCheck(k) && k >= 2)
      {
        settings.CompareU = m_PreviousU.data();
      }
      if (relativeChange && k < iterations && isCheck(k + 1))
      {
        settings.StoreU = m_PreviousU.data();
      }
    }
    // Halos are copied before any chunk changes its own slabs (on a cold start there is nothing to
    // copy, and the serial sizing spares a round of thread dispatch).
    if (m_DualIsZero)
    {
      for (SizeValueType chunk = 0; chunk < m_NumberOfChunks; ++chunk)
      {
        this->CopyHalo(chunk, depth);
      }
    }
    else
    {
      this->ForEachChunk([this, depth](SizeValueType chunk) { this->CopyHalo(chunk, depth); });
    }
    this->ForEachChunk([this, f, &levels](SizeValueType chunk) { this->IterateBlock(f, chunk, levels); });
    m_DualIsZero = false; // the first level wrote every dual value

    bool stop = false;
    for (SizeValueType level = 0; level < depth && !stop; ++level)
    {
      report.NumberOfIterations = done + level + 1;
      if (callback && !callback(report.NumberOfIterations))
      {
        report.Aborted = true;
        stop = true;
      }
    }
    done += depth;
    evaluatedAtLastIteration = false;
    if (stop || !isCheck(done))
    {
      if (stop)
      {
        break;
      }
      continue;
    }

    const bool   compared = levels.back().CompareU != nullptr;
    const double change = compared ? std::sqrt(std::accumulate(m_SlabSumA.begin(), m_SlabSumA.end(), 0.0)) : 0.0;
    const double norm = compared ? std::sqrt(std::accumulate(m_SlabSumB.begin(), m_SlabSumB.end(), 0.0)) : 0.0;
    const Objectives objectives = this->ComputeObjectives(f, u);
    evaluatedAtLastIteration = true;
    report.EnergyHistory.push_back(objectives.PrimalEnergy);
    report.DualityGapHistory.push_back(objectives.DualityGap);
    report.Energy = objectives.PrimalEnergy;
    report.DualityGap = objectives.DualityGap;
    bool converged = false;
    switch (m_StoppingCriterion)
    {
      case StoppingCriterionEnum::DualityGap:
        converged = objectives.DualityGap <= m_Tolerance * objectives.PrimalEnergy;
        break;
      case StoppingCriterionEnum::RelativeChange:
        if (compared)
        {
          relativeChangeHits = change <= m_Tolerance * norm ? relativeChangeHits + 1 : 0;
        }
        converged = relativeChangeHits >= (momentum ? 2u : 1u);
        break;
      case StoppingCriterionEnum::SkimageEnergy:
        converged = std::abs(skimagePrevious - objectives.SkimageEnergy) < m_Tolerance * skimageInitial;
        skimagePrevious = objectives.SkimageEnergy;
        break;
      case StoppingCriterionEnum::None:
        break;
    }
    if (converged)
    {
      report.Converged = true;
      break;
    }
  }

  if (reference)
  {
    if (report.NumberOfIterations < iterations)
    {
      // Aborted before the last iteration stored its (bounded) output: form it from the dual.
      this->ComputePrimal(f, u);
    }
    report.Energy = m_EvaluateObjectives ? this->ComputePrimalEnergy(f, u) : std::numeric_limits<double>::quiet_NaN();
    report.DualityGap = std::numeric_limits<double>::quiet_NaN();
  }
  else if (!m_EvaluateObjectives)
  {
    this->MaterializeZeroDual(); // no iteration ran (MaximumNumberOfIterations = 0)
    this->ComputePrimal(f, u);
    report.Energy = std::numeric_limits<double>::quiet_NaN();
    report.DualityGap = std::numeric_limits<double>::quiet_NaN();
  }
  else if (!evaluatedAtLastIteration)
  {
    this->MaterializeZeroDual();
    const Objectives objectives = this->ComputeObjectives(f, u);
    report.Energy = objectives.PrimalEnergy;
    report.DualityGap = objectives.DualityGap;
  }
  return report;
}

// The library holds the float and double engines; other pixel types are not offered.
template class TVDenoiseSolver<float>;
template class TVDenoiseSolver<double>;
} // end namespace itk
