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
#include "itkEMDenseSolvers.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <algorithm>
#include <cmath>

namespace itk
{
namespace
{
double
Dot(const double * a, const double * b, unsigned int n)
{
  double sum = 0.0;
  for (unsigned int i = 0; i < n; ++i)
  {
    sum += a[i] * b[i];
  }
  return sum;
}
} // namespace

bool
EMCholesky::Compute(const double * matrix, unsigned int p, double minimumPivot)
{
  m_Size = p;
  m_Factor.assign(matrix, matrix + static_cast<size_t>(p) * p);
  Eigen::Map<Eigen::MatrixXd>            storage(m_Factor.data(), p, p);
  Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>> llt(storage); // in place: L in the lower triangle
  if (llt.info() != Eigen::Success)
  {
    return false;
  }
  for (unsigned int i = 0; i < p; ++i)
  {
    const double pivot = storage(i, i) * storage(i, i);
    if (!(pivot > minimumPivot))
    {
      return false;
    }
  }
  return true;
}

void
EMCholesky::Solve(double * x) const
{
  const Eigen::Map<const Eigen::MatrixXd> factor(m_Factor.data(), m_Size, m_Size);
  Eigen::Map<Eigen::VectorXd>             values(x, m_Size);
  factor.triangularView<Eigen::Lower>().solveInPlace(values);
  factor.triangularView<Eigen::Lower>().transpose().solveInPlace(values);
}

bool
EMSolveScaledPositiveDefinite(std::vector<double> & a, std::vector<double> & b, unsigned int m, EMCholesky & factor)
{
  std::vector<double> scale(m);
  for (unsigned int i = 0; i < m; ++i)
  {
    if (!(a[i * m + i] > 0.0))
    {
      return false;
    }
    scale[i] = 1.0 / std::sqrt(a[i * m + i]);
  }
  for (unsigned int i = 0; i < m; ++i)
  {
    b[i] *= scale[i];
    for (unsigned int j = 0; j < m; ++j)
    {
      a[i * m + j] *= scale[i] * scale[j];
    }
  }
  if (!factor.Compute(a.data(), m, 1e-13))
  {
    return false;
  }
  factor.Solve(b.data());
  for (unsigned int i = 0; i < m; ++i)
  {
    b[i] *= scale[i];
  }
  return true;
}

bool
EMActiveSetQuadraticProgram::Independent(unsigned int candidate, unsigned int p)
{
  const std::vector<double> & r = *m_Rows;
  m_Candidate.assign(m_Working.begin(), m_Working.end());
  m_Candidate.push_back(candidate);
  const auto k = static_cast<unsigned int>(m_Candidate.size());
  m_CandidateGram.resize(static_cast<size_t>(k) * k);
  m_CandidateScale.resize(k);
  for (unsigned int a = 0; a < k; ++a)
  {
    for (unsigned int b = 0; b < k; ++b)
    {
      m_CandidateGram[a * k + b] = Dot(r.data() + static_cast<size_t>(m_Candidate[a]) * p,
                                       m_InverseRows.data() + static_cast<size_t>(m_Candidate[b]) * p, p);
    }
  }
  for (unsigned int a = 0; a < k; ++a)
  {
    m_CandidateScale[a] = 1.0 / std::sqrt(m_CandidateGram[a * k + a]);
  }
  for (unsigned int a = 0; a < k; ++a)
  {
    for (unsigned int b = 0; b < k; ++b)
    {
      m_CandidateGram[a * k + b] *= m_CandidateScale[a] * m_CandidateScale[b];
    }
  }
  return m_CandidateFactor.Compute(m_CandidateGram.data(), k, 1e-13);
}

bool
EMActiveSetQuadraticProgram::OptimalOrRelease(unsigned int p)
{
  const std::vector<double> & r = *m_Rows;
  unsigned int                leaving = 0;
  double                      lowest = -1e-12;
  for (unsigned int a = 0; a < m_Working.size(); ++a)
  {
    if (m_Step[p + a] < lowest)
    {
      lowest = m_Step[p + a];
      leaving = a + 1;
    }
  }
  if (leaving == 0)
  {
    // Rows on a single unknown (z_j >= 0) hold it at exactly 0, not at -1e-17.
    for (const unsigned int a : m_Working)
    {
      const auto nonZero = std::count_if(r.begin() + a * p, r.begin() + (a + 1) * p, [](double v) { return v != 0.0; });
      for (unsigned int j = 0; j < p && nonZero == 1; ++j)
      {
        m_Z[j] = r[a * p + j] != 0.0 ? 0.0 : m_Z[j];
      }
    }
    return true;
  }
  m_InWorking[m_Working[leaving - 1]] = 0;
  m_Working.erase(m_Working.begin() + (leaving - 1));
  return false;
}

bool
EMActiveSetQuadraticProgram::Solve(const std::vector<double> & gram,
                                   const std::vector<double> & rhs,
                                   const std::vector<double> & rows,
                                   unsigned int                p,
                                   std::vector<double> &       solution)
{
  if (p == 0 || gram.size() != static_cast<size_t>(p) * p || rhs.size() != p || rows.size() % p != 0)
  {
    return false;
  }
  const auto                  count = static_cast<unsigned int>(rows.size() / p);
  const std::vector<double> & r = rows;
  m_Rows = &rows;
  // The step d and the multipliers lambda of the equality problem on the working set W, from the
  // Cholesky factor of G: d = G^-1 (R_W^T lambda - g), (R_W G^-1 R_W^T) lambda = R_W G^-1 g.
  if (!m_Factor.Compute(gram.data(), p, 1e-13))
  {
    return false;
  }
  m_InverseRows.assign(rows.begin(), rows.end());
  for (unsigned int i = 0; i < count; ++i)
  {
    m_Factor.Solve(m_InverseRows.data() + static_cast<size_t>(i) * p);
  }
  m_Z.assign(p, 0.0);
  m_G.resize(p);
  m_Working.clear();
  m_InWorking.assign(count, 0);
  const unsigned int maximumSteps = 50 + 10 * (count + p);
  for (unsigned int step = 0; step < maximumSteps; ++step)
  {
    for (unsigned int i = 0; i < p; ++i)
    {
      m_G[i] = -rhs[i] + Dot(gram.data() + static_cast<size_t>(i) * p, m_Z.data(), p);
    }
    m_InverseG = m_G;
    m_Factor.Solve(m_InverseG.data());
    const auto m = static_cast<unsigned int>(m_Working.size());
    m_Schur.assign(static_cast<size_t>(m) * m, 0.0);
    m_Lambda.assign(m, 0.0);
    for (unsigned int a = 0; a < m; ++a)
    {
      const double * ra = r.data() + static_cast<size_t>(m_Working[a]) * p;
      m_Lambda[a] = Dot(ra, m_InverseG.data(), p);
      for (unsigned int b = 0; b < m; ++b)
      {
        m_Schur[a * m + b] = Dot(ra, m_InverseRows.data() + static_cast<size_t>(m_Working[b]) * p, p);
      }
    }
    if (m > 0 && !EMSolveScaledPositiveDefinite(m_Schur, m_Lambda, m, m_SchurFactor))
    {
      return false;
    }
    // m_Step: the step d (p values), then the multipliers of the working rows.
    m_Step.resize(p + m);
    for (unsigned int i = 0; i < p; ++i)
    {
      m_Step[i] = -m_InverseG[i];
      for (unsigned int a = 0; a < m; ++a)
      {
        m_Step[i] += m_InverseRows[static_cast<size_t>(m_Working[a]) * p + i] * m_Lambda[a];
      }
    }
    std::copy(m_Lambda.begin(), m_Lambda.end(), m_Step.begin() + p);
    double stepNorm = 0.0, size = 1.0;
    for (unsigned int i = 0; i < p; ++i)
    {
      stepNorm = std::max(stepNorm, std::abs(m_Step[i]));
      size = std::max(size, std::abs(m_Z[i]));
    }
    if (stepNorm <= 1e-12 * size)
    {
      if (this->OptimalOrRelease(p))
      {
        solution = m_Z;
        return true;
      }
      continue;
    }
    double alpha = 1.0;
    int    blocking = -1;
    m_Dependent.assign(count, 0);
    for (bool searching = true; searching;)
    {
      alpha = 1.0;
      blocking = -1;
      double steepest = 0.0;
      for (unsigned int i = 0; i < count; ++i)
      {
        const double rd = Dot(r.data() + static_cast<size_t>(i) * p, m_Step.data(), p);
        if (m_InWorking[i] || m_Dependent[i] || rd >= 0.0)
        {
          continue;
        }
        const double t = std::max(0.0, -Dot(r.data() + static_cast<size_t>(i) * p, m_Z.data(), p) / rd);
        if (t < alpha || (t == alpha && blocking >= 0 && rd < steepest))
        {
          alpha = t;
          steepest = rd;
          blocking = static_cast<int>(i);
        }
      }
      searching = blocking >= 0 && !this->Independent(static_cast<unsigned int>(blocking), p);
      if (searching)
      {
        m_Dependent[blocking] = 1;
      }
    }
    for (unsigned int i = 0; i < p; ++i)
    {
      m_Z[i] += alpha * m_Step[i];
    }
    if (blocking >= 0)
    {
      m_Working.push_back(static_cast<unsigned int>(blocking));
      m_InWorking[blocking] = 1;
    }
    else if (this->OptimalOrRelease(p)) // a full step reaches the minimiser; its multipliers are known
    {
      solution = m_Z;
      return true;
    }
  }
  return false;
}
} // end namespace itk
