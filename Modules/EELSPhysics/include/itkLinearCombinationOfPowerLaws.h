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
#ifndef itkLinearCombinationOfPowerLaws_h
#define itkLinearCombinationOfPowerLaws_h

#include "itkEELSEnumNames.h"
#include "AnalyticalEMEELSPhysicsExport.h"
#include "itkEnergyAxis.h"

#include <iosfwd>
#include <vector>

namespace itk
{
/** \class LinearCombinationOfPowerLaws
 * \brief The linear background b(E) = sum_k a_k (E / E_s)^-r_k (for E > 0) with fixed exponents.
 *
 * Every coefficient a_k is linear and unbounded (they are legitimately negative). E_s is the
 * reference energy, max(first channel energy, 1 eV) in pyEELSMODEL. The exponents must increase
 * strictly (r_0 the smallest).
 *
 * ConvexityConstraints() returns the rows g of G a >= 0 that make b positive, decreasing and
 * convex on the window [x0, x1] (van den Broek et al., Ultramicroscopy 254 (2023) 113830). With
 * d_k = r_0 - r_k and p_k = r_k (r_k + 1) E_s^r_k:
 *  - Necessary: b''(x_j) x_j^(r_0 + 2) >= 0 at m = max(points, 2) points x_j (geometric between
 *    x0 and x1, relaxed towards harmonic spacing), row p_k x_j^d_k; plus -b'(x1) x1^(r_0 + 1) >= 0,
 *    row r_k E_s^r_k x1^d_k, and b(x1) x1^r_0 >= 0, row E_s^r_k x1^d_k.
 *  - Sufficient: 2^(n-1) rows that bound b'' from below on the window through the point x_h (the
 *    mean over k of ((rho + 1) / rho) (x0^-rho - x1^-rho) / (x0^-rho-1 - x1^-rho-1), rho = |d_k|),
 *    plus the same two end rows. Row ii has p_0 in column 0 and, for column k, bit n-1-k of ii
 *    choosing p_k x0^d_k (ii = 0) or p_k x_h^d_k (bit 0), and p_k x1^d_k (last row) or
 *    p_k x1^d_k (1 + (1 - x_h / x1)(r_k + 2)) (bit 1).
 *  - NonNegative: the identity.
 * With E_s = x0 these are the rows of the paper (and of the specification).
 *
 * \ingroup AnalyticalEMEELSPhysics
 */
class AnalyticalEMEELSPhysics_EXPORT LinearCombinationOfPowerLaws
{
public:
  /** Throws unless the exponents are finite, >= 0 and strictly increasing and E_s > 0. */
  LinearCombinationOfPowerLaws(std::vector<double> exponents, double referenceEnergy);

  /** n exponents evenly spaced from first to last, e.g. (1, 7/3, 11/3, 5). */
  static std::vector<double>
  EvenlySpacedExponents(double first, double last, unsigned int n);

  /** pyEELSMODEL's reference energy for an axis: max(first channel energy, 1 eV). */
  static double
  DefaultReferenceEnergy(const EnergyAxis & axis);

  unsigned int
  GetNumberOfTerms() const
  {
    return static_cast<unsigned int>(m_Exponents.size());
  }
  const std::vector<double> &
  GetExponents() const
  {
    return m_Exponents;
  }
  double
  GetReferenceEnergy() const
  {
    return m_ReferenceEnergy;
  }

  /** Term k at energy E: (E / E_s)^-r_k, 0 for E <= 0. */
  double
  Term(unsigned int k, double energy) const;

  /** sum_k a_k Term(k, E). */
  double
  Evaluate(double energy, const std::vector<double> & coefficients) const;

  /** The terms on every channel, term-major: basis[k * axis.GetSize() + i]. */
  std::vector<double>
  Basis(const EnergyAxis & axis) const;

  /** The rows g (each GetNumberOfTerms() long) of G a >= 0 on the window [windowStart, windowEnd]
   * (0 < start < end); \a points is the number of convexity points of Necessary. */
  std::vector<std::vector<double>>
  ConvexityConstraints(BackgroundConstraintEnum kind, double windowStart, double windowEnd,
                       unsigned int points = 3) const;

private:
  std::vector<double> m_Exponents;
  double              m_ReferenceEnergy;
};
} // end namespace itk

#endif
