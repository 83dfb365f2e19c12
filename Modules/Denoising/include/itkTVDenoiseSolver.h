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
#ifndef itkTVDenoiseSolver_h
#define itkTVDenoiseSolver_h

#include "itkEMEnumNames.h"
#include "itkIntTypes.h"
#include "itkMultiThreaderBase.h"

#include <functional>
#include <ostream>
#include <limits>
#include <memory>
#include <vector>

namespace itk
{
/** \brief Options shared by TVDenoiseSolver and TVDenoiseImageFilter.
 * \ingroup AnalyticalEMDenoising */
class TVDenoiseEnums
{
public:
  /** Isotropic TV (Euclidean norm of the gradient) or anisotropic TV (sum of absolute differences). */
  enum class Norm : uint8_t
  {
    Isotropic,
    Anisotropic
  };

  /** FGP: Beck-Teboulle fast gradient projection (with momentum), the default.
   * GP: gradient projection without momentum (monotone dual objective).
   * ReferenceGPLag: GP exactly as the published fusion code runs it: bounds applied only to the
   * output, and the output formed before the last dual update (K = 0 gives zeros, K = 1 the input). */
  enum class Algorithm : uint8_t
  {
    FGP,
    GP,
    ReferenceGPLag
  };

  /** DualityGap: G <= Tolerance * P(u), a certificate (||u - u*|| <= sqrt(2 G)).
   * RelativeChange: ||u_k - u_k-1|| <= Tolerance ||u_k|| (on two consecutive checks for FGP).
   * SkimageEnergy: scikit-image's rule |E_k-1 - E_k| < Tolerance E_0, for side-by-side runs.
   * None: always run MaximumNumberOfIterations. */
  enum class StoppingCriterion : uint8_t
  {
    DualityGap,
    RelativeChange,
    SkimageEnergy,
    None
  };
};

// The names of the norms: printed by operator<< and read by aem-tv-denoise.
template <>
struct EMEnumNames<TVDenoiseEnums::Norm>
{
  static constexpr const char *                     EnumName = "TVDenoiseEnums::Norm";
  static constexpr EMEnumName<TVDenoiseEnums::Norm> Entries[] = {
    { TVDenoiseEnums::Norm::Isotropic, "Isotropic", "isotropic" },
    { TVDenoiseEnums::Norm::Anisotropic, "Anisotropic", "anisotropic" },
  };
};


template <>
struct EMEnumNames<TVDenoiseEnums::Algorithm>
{
  static constexpr const char *                          EnumName = "TVDenoiseEnums::Algorithm";
  static constexpr EMEnumName<TVDenoiseEnums::Algorithm> Entries[] = {
    { TVDenoiseEnums::Algorithm::FGP, "FGP", nullptr },
    { TVDenoiseEnums::Algorithm::GP, "GP", nullptr },
    { TVDenoiseEnums::Algorithm::ReferenceGPLag, "ReferenceGPLag", nullptr },
  };
};

template <>
struct EMEnumNames<TVDenoiseEnums::StoppingCriterion>
{
  static constexpr const char *                                  EnumName = "TVDenoiseEnums::StoppingCriterion";
  static constexpr EMEnumName<TVDenoiseEnums::StoppingCriterion> Entries[] = {
    { TVDenoiseEnums::StoppingCriterion::DualityGap, "DualityGap", nullptr },
    { TVDenoiseEnums::StoppingCriterion::RelativeChange, "RelativeChange", nullptr },
    { TVDenoiseEnums::StoppingCriterion::SkimageEnergy, "SkimageEnergy", nullptr },
    { TVDenoiseEnums::StoppingCriterion::None, "None", nullptr },
  };
};

/** \class TVDenoiseSolver
 * \brief ROF total-variation denoising on raw buffers: u* = argmin_{l<=u<=h} 1/2 ||u - f||^2 + lambda TV(u).
 *
 * Solves the dual problem by (fast) gradient projection with step 1/(lambda L), where
 * L = 4 sum_d c_d^2 bounds ||grad||^2 (c_d = axis weight / spacing; axes of size 1 are dropped).
 * Forward differences with Neumann boundaries; the dual fields are kept between calls so a
 * caller that solves a sequence of related problems (the fusion filter's TV prox) warm-starts.
 *
 * Several images of the same grid can be solved at once (independent problems stored one after
 * another); their energies and gaps add up.
 *
 * Speed: the primal image is never stored during the iterations. Work is split into chunks of
 * slabs (rows in 2-D, planes in 3-D) along the slowest axis, one per work unit, and each chunk
 * runs blocks of up to MaximumBlockDepth iterations in one sweep: a wavefront in which iteration
 * k + 1 trails iteration k by one slab, over the chunk extended by a private copy of its
 * neighbours' slabs (the halo, recomputed redundantly), so that the working set stays in cache.
 * Blocks end at stopping checks. Results are bit-identical for any number of threads and any
 * block depth, and every reduction is accumulated in double per slab and summed in a fixed order.
 *
 * This is the engine of TVDenoiseImageFilter; use the filter unless you manage buffers yourself.
 *
 * \ingroup AnalyticalEMDenoising
 */
template <typename TReal>
class ITK_TEMPLATE_EXPORT TVDenoiseSolver
{
public:
  using RealType = TReal;
  using NormEnum = TVDenoiseEnums::Norm;
  using AlgorithmEnum = TVDenoiseEnums::Algorithm;
  using StoppingCriterionEnum = TVDenoiseEnums::StoppingCriterion;

  /** Objectives at the current dual point p: primal P(u(p)), duality gap, scikit-image energy. */
  struct Objectives
  {
    double PrimalEnergy{ 0.0 };
    double DualityGap{ 0.0 };
    double SkimageEnergy{ 0.0 };
  };

  struct Report
  {
    SizeValueType       NumberOfIterations{ 0 };
    bool                Converged{ false };
    bool                Aborted{ false };
    double              Energy{ 0.0 };
    double              DualityGap{ 0.0 };
    std::vector<double> EnergyHistory;     // P(u(p_k)) at every check
    std::vector<double> DualityGapHistory; // G(p_k) at every check
  };

  /** Called after every iteration with its number (1-based); return false to abort the solve. */
  using IterationCallback = std::function<bool(SizeValueType)>;

  /** Grid of \a dimension axes (index 0 fastest) with the per-axis coefficients c_d, and the number
   * of images of that grid stored one after another. Resets the dual. At most three axes may
   * have more than one sample. */
  void
  SetGrid(const std::vector<SizeValueType> & size,
          const std::vector<double> &        axisCoefficients,
          SizeValueType                      numberOfImages = 1);

  /** TV weight (>= 0; 0 leaves only the pointwise terms). */
  void
  SetLambda(double lambda)
  {
    m_Lambda = lambda;
  }
  double
  GetLambda() const
  {
    return m_Lambda;
  }
  void
  SetNorm(NormEnum norm)
  {
    m_Norm = norm;
  }
  void
  SetAlgorithm(AlgorithmEnum algorithm)
  {
    m_Algorithm = algorithm;
  }
  void
  SetStoppingCriterion(StoppingCriterionEnum criterion)
  {
    m_StoppingCriterion = criterion;
  }
  void
  SetTolerance(double tolerance)
  {
    m_Tolerance = tolerance;
  }
  void
  SetMaximumNumberOfIterations(SizeValueType iterations)
  {
    m_MaximumNumberOfIterations = iterations;
  }
  void
  SetCheckInterval(SizeValueType interval)
  {
    m_CheckInterval = interval;
  }
  void
  SetBounds(double lower, double upper)
  {
    m_LowerBound = lower;
    m_UpperBound = upper;
  }
  /** Huber smoothing of the TV term (0, the default, is TV): the penalty of a gradient of
   * magnitude s is s^2 / (2 delta) below delta and s - delta / 2 above. */
  void
  SetHuberDelta(double delta)
  {
    m_HuberDelta = delta;
  }
  double
  GetHuberDelta() const
  {
    return m_HuberDelta;
  }

  /** Adds the separable Poisson term tau sum_i (linearWeight u_i - counts_i ln(u_i + epsilon)),
   * which also confines u to u >= 0 (the bounds are then ignored): the solver then computes
   * argmin_u 1/2 ||u - f||^2 + tau sum (m u - c ln(u + eps)) + lambda TV(u). \a counts must stay
   * valid while solving; ClearPoissonDataTerm() removes the term. */
  void
  SetPoissonDataTerm(const TReal * counts, double tau, double linearWeight = 1.0, double epsilon = 1e-6)
  {
    m_Counts = counts;
    m_PoissonTau = tau;
    m_PoissonLinearWeight = linearWeight;
    m_PoissonEpsilon = epsilon;
  }
  void
  ClearPoissonDataTerm()
  {
    m_Counts = nullptr;
  }

  /** The threader that runs the sweeps; nullptr runs them in the calling thread. */
  void
  SetMultiThreader(MultiThreaderBase * threader)
  {
    m_MultiThreader = threader;
  }

  /** The bound L >= ||grad||^2 used for the step size. */
  double
  GetOperatorNormBound() const;

  SizeValueType
  GetNumberOfPixels() const
  {
    return m_PixelsPerImage * m_NumberOfImages;
  }

  /** Sets the dual fields to zero (a cold start). */
  void
  ResetDual();

  /** Denoises \a f (GetNumberOfPixels() values) into \a u, starting from the current dual.
   * \a f and \a u must not overlap. Throws on invalid settings. */
  Report
  Solve(const TReal * f, TReal * u, const IterationCallback & callback = IterationCallback());

  /** Writes u(p) = clamp(f - lambda div p) for the current dual p into \a u and returns the
   * objectives there. */
  Objectives
  Evaluate(const TReal * f, TReal * u);

  /** P(u) = 1/2 ||u - f||^2 + lambda TV(u) for any image u of the grid. */
  double
  PrimalEnergy(const TReal * f, const TReal * u);

  /** Discrete gradient (component c_d * forward difference for each kept axis, stored one field
   * after another) and its negative adjoint, on the solver's grid; for tests and diagnostics. */
  void
  Gradient(const TReal * u, TReal * gradient) const;
  void
  Divergence(const TReal * field, TReal * divergence) const;

  /** Number of dual fields (axes kept after dropping those of size 1). */
  unsigned int
  GetNumberOfDualFields() const
  {
    return m_NumberOfFields;
  }

  /** Whether Solve() evaluates the energy and duality gap (default true). Without them there are
   * no stopping tests (the solver runs MaximumNumberOfIterations) and the report's energy and gap
   * are NaN; inner solves of other algorithms save the evaluation passes this way. */
  void
  SetEvaluateObjectives(bool evaluate)
  {
    m_EvaluateObjectives = evaluate;
  }

  /** Largest number of iterations fused into one sweep over memory (default 16; 1 disables the
   * temporal blocking). The result does not depend on it. */
  void
  SetMaximumBlockDepth(SizeValueType depth)
  {
    m_MaximumBlockDepth = depth;
  }

private:
  // The dual fields of one slab: p (last projected iterate) and, for FGP, r (extrapolation).
  struct SlabState
  {
    TReal * PX{ nullptr };
    TReal * PMid{ nullptr };
    TReal * PSlow{ nullptr };
    TReal * RX{ nullptr };
    TReal * RMid{ nullptr };
    TReal * RSlow{ nullptr };
  };

  // What one iteration of a block does besides the update itself.
  struct LevelSettings
  {
    TReal         Beta{ 0 };
    TReal *       StoreU{ nullptr };   // write u_k of the chunk's own slabs here
    bool          ClampStore{ false }; // bound the stored values (the reference's output clamp)
    bool          ZeroDual{ false };   // this level starts from p = r = 0 without reading them
    bool          SkipDualUpdate{ false }; // the reference's last level: its dual update is discarded
    const TReal * CompareU{ nullptr }; // accumulate ||u_k - CompareU||^2 and ||u_k||^2 per slab
  };

  // Per-chunk scratch: the extended slab range of the current block, private copies of the
  // neighbours' slabs in it (the halo) and two primal slabs per iteration level.
  struct ChunkScratch
  {
    SizeValueType      Low{ 0 };
    SizeValueType      High{ 0 };
    std::vector<TReal> Halo;
    std::vector<TReal> Primal;
  };

  void
  CheckSettings() const;
  void
  Allocate();
  // Calls visit(field, stride, size, coefficient) for each axis that owns a dual field.
  template <typename TAxisVisitor>
  void
  ForEachGradientAxis(TAxisVisitor && visit) const;
  bool
  HasMomentum() const
  {
    return m_Algorithm == AlgorithmEnum::FGP;
  }
  unsigned int
  FieldsPerState() const
  {
    return (this->HasMomentum() ? 2u : 1u) * (m_HasMidAxis ? 3u : 2u);
  }
  bool
  IsSlowAxisStart(SizeValueType slab) const
  {
    return slab % m_SlabsPerImage == 0;
  }
  bool
  IsSlowAxisEnd(SizeValueType slab) const
  {
    return (slab + 1) % m_SlabsPerImage == 0;
  }
  template <typename TFunction>
  void
  ForEachChunk(TFunction && function);
  // function(p, r, n) on each chunk's part of every dual field (r is nullptr without FGP).
  template <typename TFunction>
  void
  ForEachField(TFunction && function);

  SlabState
  MainSlab(SizeValueType slab);
  SlabState
  BlockSlab(SizeValueType chunk, SizeValueType slab);

  // out = clamp(f - lambda div d) (or the Poisson prox there) on one slab starting at pixel
  // `base`; the d pointers are the slab's fields and the slow field of the previous slab (zeros
  // at a boundary).
  void
  ComputePrimalSlab(SizeValueType base,
                    const TReal * f,
                    const TReal * dx,
                    const TReal * dMid,
                    const TReal * dSlow,
                    const TReal * dSlowPrevious,
                    TReal *       out,
                    bool          clampToBounds) const;

  void
  UpdateDualSlab(const SlabState & state, const TReal * u, const TReal * uNext, TReal beta, bool zeroDual) const;

  // Writes the zero dual into the fields if it has not been materialised yet.
  void
  MaterializeZeroDual();

  // One block of iterations on one chunk: a wavefront over the extended range in which level l
  // (iteration k0 + l) trails level l - 1 by one slab.
  SizeValueType
  BlockDepth(SizeValueType remainingIterations) const;
  void
  CopyHalo(SizeValueType chunk, SizeValueType depth);
  void
  IterateBlock(const TReal * f, SizeValueType chunk, const std::vector<LevelSettings> & levels);

  // u = u(p) for the current dual, without objective sums.
  void
  ComputePrimal(const TReal * f, TReal * u);

  // Evaluate() and PrimalEnergy() once settings are checked and scratch is allocated.
  Objectives
  ComputeObjectives(const TReal * f, TReal * u);
  double
  ComputePrimalEnergy(const TReal * f, const TReal * u);

  // 1/2 ||u - f||^2 (plus the Poisson term) over the slab starting at pixel `base`.
  double
  SlabDataEnergy(const TReal * f, const TReal * u, SizeValueType base) const;

  // Per-slab sums of the evaluation pass; p == nullptr skips the gap.
  void
  SlabObjectiveTerms(const TReal * u, const TReal * const * p, SizeValueType slab, double & tv, double & gap) const;

  SizeValueType m_NumberOfImages{ 1 };

  // Kernel geometry after dropping axes of size 1: rows are slabs in 2-D, planes in 3-D.
  unsigned int  m_NumberOfFields{ 0 };
  bool          m_HasMidAxis{ false };
  SizeValueType m_RowLength{ 1 };
  SizeValueType m_RowsPerSlab{ 1 };
  SizeValueType m_SlabLength{ 1 };
  SizeValueType m_SlabsPerImage{ 1 };
  SizeValueType m_TotalSlabs{ 1 };
  SizeValueType m_PixelsPerImage{ 1 };
  double        m_CoefficientX{ 0.0 };
  double        m_CoefficientMid{ 0.0 };
  double        m_CoefficientSlow{ 0.0 };

  double                m_Lambda{ 0.1 };
  NormEnum              m_Norm{ NormEnum::Isotropic };
  AlgorithmEnum         m_Algorithm{ AlgorithmEnum::FGP };
  StoppingCriterionEnum m_StoppingCriterion{ StoppingCriterionEnum::DualityGap };
  double                m_Tolerance{ 1e-5 };
  SizeValueType         m_MaximumNumberOfIterations{ 200 };
  SizeValueType         m_CheckInterval{ 10 };
  SizeValueType         m_MaximumBlockDepth{ 16 };
  bool                  m_EvaluateObjectives{ true };
  double                m_HuberDelta{ 0.0 };
  const TReal *         m_Counts{ nullptr };
  double                m_PoissonTau{ 0.0 };
  double                m_PoissonLinearWeight{ 1.0 };
  double                m_PoissonEpsilon{ 1e-6 };
  double                m_LowerBound{ -std::numeric_limits<double>::infinity() };
  double                m_UpperBound{ std::numeric_limits<double>::infinity() };
  MultiThreaderBase *   m_MultiThreader{ nullptr };

  // Dual state, one field after another (x, [mid,] slow), each over all pixels of all images.
  std::unique_ptr<TReal[]> m_P;
  std::unique_ptr<TReal[]> m_R;
  SizeValueType            m_DualLength{ 0 };
  bool                     m_DualIsZero{ true };
  TReal              m_Tau{ 0 };

  // Scratch, allocated once per solve.
  SizeValueType              m_NumberOfChunks{ 1 };
  std::vector<SizeValueType> m_ChunkStart;
  std::vector<ChunkScratch>  m_Chunks;
  std::vector<TReal>         m_Zeros; // one slab of zeros for missing neighbours
  std::vector<TReal>         m_PreviousU;
  std::vector<double>        m_SlabSumA;
  std::vector<double>        m_SlabSumB;
  std::vector<double>        m_SlabSumC;
};
} // end namespace itk


#endif
