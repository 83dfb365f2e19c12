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
#ifndef itkEMDenseSolvers_h
#define itkEMDenseSolvers_h

#include "AnalyticalEMCoreExport.h"

#include <vector>

namespace itk
{
/** \class EMCholesky
 * \brief Cholesky factorisation G = L L^T of a small dense symmetric matrix (Eigen's LLT), and
 * solves with it: the one factorisation of the project's least-squares and quadratic-programming
 * solvers.
 *
 * Holds its storage, so that factorising many matrices of one size (one per pixel) allocates once.
 *
 * \ingroup AnalyticalEMCore
 */
class AnalyticalEMCore_EXPORT EMCholesky
{
public:
  /** Factorises the p x p symmetric matrix \a matrix (row- or column-major: the same for a
   * symmetric matrix). False unless it is positive definite with every pivot L_ii^2 above
   * \a minimumPivot (for matrices scaled to unit diagonal, the relative size of the smallest
   * eigen-direction kept). */
  bool
  Compute(const double * matrix, unsigned int p, double minimumPivot);

  /** Solves G x = b in place (\a x holds b on entry), with the last factorisation. */
  void
  Solve(double * x) const;

  unsigned int
  GetSize() const
  {
    return m_Size;
  }

private:
  std::vector<double> m_Factor; // L, column-major
  unsigned int        m_Size{ 0 };
};

/** Solves the symmetric positive definite m x m system a x = b (row-major; \a a and \a b
 * overwritten, the solution in \a b) after scaling a to unit diagonal, so that the pivot
 * threshold 1e-13 is relative. False when a is not positive definite.
 * \ingroup AnalyticalEMCore */
AnalyticalEMCore_EXPORT bool
EMSolveScaledPositiveDefinite(std::vector<double> & a, std::vector<double> & b, unsigned int m, EMCholesky & factor);

/** \class EMActiveSetQuadraticProgram
 * \brief Minimises z^T G z / 2 - h^T z subject to r_i . z >= 0 for a few unknowns (Nocedal and
 * Wright, Numerical Optimization, 2nd ed., algorithm 16.3: the primal active-set method).
 *
 * z = 0 is feasible with every row active; the working set starts empty. G must be positive
 * definite (pivots above 1e-13 of a unit diagonal: scale the unknowns so that G has a unit
 * diagonal), and the rows r_i should be normalised. Rows that are numerically combinations of the
 * working rows are skipped (they cannot block in exact arithmetic). A row on a single unknown
 * (z_j >= 0) holds that unknown at exactly 0. Keeps its scratch between calls: one object per
 * thread solves one problem per pixel without allocating.
 *
 * \ingroup AnalyticalEMCore
 */
class AnalyticalEMCore_EXPORT EMActiveSetQuadraticProgram
{
public:
  /** G row-major p x p, h of size p, \a rows row-major (size a multiple of p). False when G is
   * not positive definite, a working system becomes singular or the iteration limit
   * 50 + 10 (rows + p) is reached; \a solution is then unchanged. */
  bool
  Solve(const std::vector<double> & gram,
        const std::vector<double> & rhs,
        const std::vector<double> & rows,
        unsigned int                p,
        std::vector<double> &       solution);

private:
  // Whether the working rows and \a candidate are numerically independent (in the G^-1 metric).
  bool
  Independent(unsigned int candidate, unsigned int p);
  // At a minimiser over the working set: true when no multiplier is negative (optimal), else the
  // row with the most negative one leaves the working set.
  bool
  OptimalOrRelease(unsigned int p);

  EMCholesky                m_Factor;
  EMCholesky                m_SchurFactor;
  EMCholesky                m_CandidateFactor;
  const std::vector<double> * m_Rows{ nullptr };
  std::vector<double>       m_InverseRows; // G^-1 r_i
  std::vector<double>       m_Z, m_G, m_InverseG, m_Schur, m_Lambda, m_Step;
  std::vector<double>       m_CandidateGram, m_CandidateScale;
  std::vector<unsigned int> m_Working, m_Candidate;
  std::vector<char>         m_InWorking, m_Dependent;
};
} // end namespace itk

#endif
