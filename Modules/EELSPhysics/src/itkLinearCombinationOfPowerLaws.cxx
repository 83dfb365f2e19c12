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
#include "itkLinearCombinationOfPowerLaws.h"

#include "itkMacro.h"

#include <cmath>
#include <ostream>

namespace itk
{
LinearCombinationOfPowerLaws::LinearCombinationOfPowerLaws(std::vector<double> exponents, double referenceEnergy)
  : m_Exponents(std::move(exponents))
  , m_ReferenceEnergy(referenceEnergy)
{
  if (m_Exponents.empty())
  {
    itkGenericExceptionMacro(<< "LinearCombinationOfPowerLaws: at least one exponent is needed");
  }
  for (size_t k = 0; k < m_Exponents.size(); ++k)
  {
    if (!(m_Exponents[k] >= 0.0) || !std::isfinite(m_Exponents[k]) || (k > 0 && !(m_Exponents[k] > m_Exponents[k - 1])))
    {
      itkGenericExceptionMacro(<< "LinearCombinationOfPowerLaws: the exponents must be finite, >= 0 and strictly "
                                  "increasing (exponent "
                               << k << " is " << m_Exponents[k] << ")");
    }
  }
  if (!(referenceEnergy > 0.0) || !std::isfinite(referenceEnergy))
  {
    itkGenericExceptionMacro(<< "LinearCombinationOfPowerLaws: the reference energy must be positive, got "
                             << referenceEnergy);
  }
}

std::vector<double>
LinearCombinationOfPowerLaws::EvenlySpacedExponents(double first, double last, unsigned int n)
{
  if (n == 0)
  {
    itkGenericExceptionMacro(<< "LinearCombinationOfPowerLaws: at least one exponent is needed");
  }
  std::vector<double> exponents(n, first);
  for (unsigned int k = 1; k < n; ++k)
  {
    exponents[k] = first + (last - first) * k / (n - 1.0);
  }
  return exponents;
}

double
LinearCombinationOfPowerLaws::DefaultReferenceEnergy(const EnergyAxis & axis)
{
  return std::max(axis.GetOffset(), 1.0);
}

double
LinearCombinationOfPowerLaws::Term(unsigned int k, double energy) const
{
  return energy > 0.0 ? std::pow(energy / m_ReferenceEnergy, -m_Exponents[k]) : 0.0;
}

double
LinearCombinationOfPowerLaws::Evaluate(double energy, const std::vector<double> & coefficients) const
{
  if (coefficients.size() != m_Exponents.size())
  {
    itkGenericExceptionMacro(<< "LinearCombinationOfPowerLaws: " << coefficients.size() << " coefficients for "
                             << m_Exponents.size() << " terms");
  }
  double value = 0.0;
  for (unsigned int k = 0; k < m_Exponents.size(); ++k)
  {
    value += coefficients[k] * this->Term(k, energy);
  }
  return value;
}

std::vector<double>
LinearCombinationOfPowerLaws::Basis(const EnergyAxis & axis) const
{
  const SizeValueType n = axis.GetSize();
  std::vector<double> basis(m_Exponents.size() * n);
  for (unsigned int k = 0; k < m_Exponents.size(); ++k)
  {
    for (SizeValueType i = 0; i < n; ++i)
    {
      basis[k * n + i] = this->Term(k, axis.GetEnergy(static_cast<double>(i)));
    }
  }
  return basis;
}

std::vector<std::vector<double>>
LinearCombinationOfPowerLaws::ConvexityConstraints(BackgroundConstraintEnum kind, double x0, double x1,
                                                   unsigned int points) const
{
  const auto n = static_cast<unsigned int>(m_Exponents.size());
  std::vector<std::vector<double>> rows;
  if (kind == BackgroundConstraintEnum::None)
  {
    return rows;
  }
  if (kind == BackgroundConstraintEnum::NonNegative)
  {
    for (unsigned int k = 0; k < n; ++k)
    {
      rows.emplace_back(n, 0.0);
      rows.back()[k] = 1.0;
    }
    return rows;
  }
  if (!(x0 > 0.0) || !(x1 > x0) || !std::isfinite(x1))
  {
    itkGenericExceptionMacro(<< "LinearCombinationOfPowerLaws: the window [" << x0 << ", " << x1
                             << "] eV must satisfy 0 < start < end");
  }
  const auto & r = m_Exponents;
  std::vector<double> d(n), p(n), scale(n);
  for (unsigned int k = 0; k < n; ++k)
  {
    d[k] = r[0] - r[k];
    scale[k] = std::pow(m_ReferenceEnergy, r[k]);
    p[k] = r[k] * (r[k] + 1.0) * scale[k];
  }
  const auto curvatureRow = [&](double x) {
    std::vector<double> row(n);
    for (unsigned int k = 0; k < n; ++k)
    {
      row[k] = p[k] * std::pow(x, d[k]);
    }
    return row;
  };
  if (kind == BackgroundConstraintEnum::Necessary)
  {
    // Convexity points: geometric, then relaxed in place towards harmonic spacing.
    const unsigned int  m = std::max(points, 2u);
    std::vector<double> x(m);
    for (unsigned int j = 0; j < m; ++j)
    {
      x[j] = x0 * std::pow(x1 / x0, j / (m - 1.0));
    }
    for (int sweep = 0; sweep < 100 && m > 2; ++sweep)
    {
      const double middle = x[m / 2];
      for (unsigned int j = 1; j + 1 < m; ++j)
      {
        x[j] = 2.0 * x[j - 1] * x[j + 1] / (x[j - 1] + x[j + 1]);
      }
      if (std::abs(x[m / 2] - middle) < 1e-3)
      {
        break;
      }
    }
    for (const double xj : x)
    {
      rows.push_back(curvatureRow(xj));
    }
  }
  else
  {
    double harmonic = 0.0;
    for (unsigned int k = 1; k < n; ++k)
    {
      const double rho = std::abs(d[k]);
      harmonic += ((rho + 1.0) / rho) * (std::pow(x0, -rho) - std::pow(x1, -rho)) /
                  (std::pow(x0, -rho - 1.0) - std::pow(x1, -rho - 1.0));
    }
    const double xh = n > 1 ? harmonic / (n - 1.0) : x0;
    const unsigned int count = 1u << (n - 1);
    for (unsigned int ii = 0; ii < count; ++ii)
    {
      std::vector<double> row(n);
      row[0] = p[0];
      for (unsigned int k = 1; k < n; ++k)
      {
        const bool high = ((ii >> (n - 1 - k)) & 1u) != 0;
        if (!high)
        {
          row[k] = p[k] * std::pow(ii == 0 ? x0 : xh, d[k]);
        }
        else
        {
          const double atEnd = p[k] * std::pow(x1, d[k]);
          row[k] = ii == count - 1 ? atEnd : atEnd * (1.0 + (1.0 - xh / x1) * (r[k] + 2.0));
        }
      }
      rows.push_back(row);
    }
  }
  std::vector<double> slope(n), value(n);
  for (unsigned int k = 0; k < n; ++k)
  {
    value[k] = scale[k] * std::pow(x1, d[k]);
    slope[k] = r[k] * value[k];
  }
  rows.push_back(slope);
  rows.push_back(value);
  return rows;
}
} // end namespace itk
