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
#ifndef itkLinearSpectrumFitter_h
#define itkLinearSpectrumFitter_h

#include "itkEELSEnumNames.h"
#include "itkEMDenseSolvers.h"
#include "AnalyticalEMEELSFiltersExport.h"
#include "itkIntTypes.h"

#include <iosfwd>
#include <vector>

namespace itk
{
/** \class LinearSpectrumFitter
 * \brief Per-spectrum solver of a linear model with Poisson error bars: the engine of
 * CoreLossQuantificationFilter.
 *
 * The model of n channels is M = A x with p columns (background terms, edges convolved with the
 * pixel's low loss, ...). Normal equations are accumulated in double, the columns scaled to unit
 * weighted norm (the power-law columns are nearly collinear), solved by Cholesky with one step of
 * iterative refinement. Linear inequality constraints C x >= 0 (edge amplitudes >= 0, the
 * convexity rows of a power-law background) turn the solve into a small convex quadratic
 * programme, solved by a primal active-set method started at the feasible point x = 0.
 *
 * Error bars: the Poisson Fisher information at the fitted model,
 * F_ij = sum_k A_ki A_kj / max(M_k, epsilon) over the channels with M_k > 0, and
 * CRLB_i = sqrt((F^-1)_ii).
 * Goodness of fit: Pearson chi^2 = sum_k (y_k - M_k)^2 / max(M_k, epsilon) and the Poisson
 * deviance 2 sum_k [y_k ln(y_k / M_k) - (y_k - M_k)] (y_k ln y_k = 0 for y_k <= 0), both divided by
 * the degrees of freedom n - p.
 *
 * A fit fails (Result::Valid false, coefficients NaN) when a column is zero, the normal matrix or
 * the Fisher information is not positive definite, the data are not finite or all zero, or the constrained
 * solver does not converge.
 *
 * \ingroup AnalyticalEMEELSFilters
 */
/** A short text of a fit status, for messages ("the model's columns are linearly dependent"). */
AnalyticalEMEELSFilters_EXPORT const char *
Describe(FitStatusEnum status);
class AnalyticalEMEELSFilters_EXPORT LinearSpectrumFitter
{
public:
  struct Settings
  {
    QuantificationFitterEnum Fitter{ QuantificationFitterEnum::WeightedLeastSquares };
    /** Rows c of c . x >= 0, each with one value per column. */
    std::vector<std::vector<double>> Constraints;
    /** Re-weighting steps of PoissonMaximumLikelihood. */
    unsigned int MaximumIterations{ 20 };
    /** Largest relative coefficient change at which PoissonMaximumLikelihood stops. */
    double Tolerance{ 1e-8 };
    /** Floor of the model in its weights and in chi^2. */
    double ModelFloor{ 1e-6 };
  };

  struct Result
  {
    std::vector<double> Coefficients;
    std::vector<double> CRLB;
    /** The inverse Fisher information, row-major p x p (CRLB_i = sqrt(Covariance_ii)). */
    std::vector<double> Covariance;
    double              ReducedChiSquare{ 0.0 };
    double              ReducedDeviance{ 0.0 };
    /** Channels left out of the Fisher information because the model is <= 0 there. */
    SizeValueType NonPositiveModelChannels{ 0 };
    unsigned int  Iterations{ 0 };
    bool          Valid{ false };
    /** Why the fit failed (Valid false), or Fitted / NotConverged. */
    FitStatusEnum Status{ FitStatusEnum::Fitted };
  };

  /** Per-thread scratch. */
  class AnalyticalEMEELSFilters_EXPORT Workspace
  {
  public:
    Workspace() = default;

  private:
    friend class LinearSpectrumFitter;
    std::vector<double> m_Weights, m_Weighted, m_Model, m_Gram, m_Rhs, m_Scale, m_Solution, m_Previous;
    std::vector<double>         m_Step, m_Scratch, m_Terms, m_FisherScale, m_Rows;
    EMCholesky                  m_Factor;
    EMActiveSetQuadraticProgram m_Program;
  };

  /** Throws if there are no columns or a constraint row has the wrong length. */
  LinearSpectrumFitter(unsigned int columns, Settings settings);

  unsigned int
  GetNumberOfColumns() const
  {
    return m_Columns;
  }
  const Settings &
  GetSettings() const
  {
    return m_Settings;
  }

  /** Fits y (n channels) with the columns columns[j][0 ... n - 1]. Never throws for bad data:
   * the result is then invalid. */
  void
  Fit(const double * const * columns, const double * y, SizeValueType n, Result & result, Workspace & workspace) const;

  /** CRLB and covariance (into \a result) of \a coefficients for the model with these columns:
   * the Fisher information at M = A x, as Fit() computes it. False when it is singular. */
  bool
  CramerRaoBound(const double * const * columns, const double * coefficients, SizeValueType n, Result & result,
                 Workspace & workspace) const;

private:
  bool
  FisherBound(const double * const * columns, SizeValueType n, Result & result, Workspace & workspace) const;
  FitStatusEnum
  SolveWeighted(const double * const * columns, const double * y, SizeValueType n, Workspace & workspace) const;
  bool
  SolveConstrained(Workspace & workspace) const;

  unsigned int m_Columns;
  Settings     m_Settings;
};
} // end namespace itk

#endif
