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
#include "itkHydrogenicCrossSection.h"

#include "itkEELSEdgeTable.h"
#include "itkMacro.h"
#include "itkMath.h"

#include <cmath>

namespace itk
{
namespace
{
// Hydrogenic onsets and parameters (Egerton's SIGMAK3 / SIGMAL3 tables), eV.
constexpr double KOnset[22] = { 13,   25,   55,   111,  188,  284,  402,  532,  685,  867,  1072,
                                1305, 1560, 1839, 2146, 2472, 2822, 3203, 3607, 4038, 4493, 4966 };
constexpr unsigned int FirstL = 13; // the L tables cover Z = 13 ... 36
constexpr double       L3Onset[24] = { 73,  99,  135, 164, 200, 245, 294, 347, 402,  455,  513,  575,
                                 641, 710, 779, 855, 931, 1021, 1115, 1217, 1323, 1436, 1550, 1675 };
// Not monotonic (1194 then 1142): kept as published.
constexpr double L1Energy[24] = { 118, 149, 189, 229, 270, 320, 377,  438,  500,  564,  628,  695,
                                  769, 846, 926, 1008, 1096, 1194, 1142, 1248, 1359, 1476, 1596, 1727 };
constexpr double ThresholdExponent[24] = { 0.52, 0.42, 0.30, 0.29, 0.22, 0.30, 0.22, 0.16, 0.12, 0.13, 0.13, 0.14,
                                           0.16, 0.18, 0.19, 0.22, 0.14, 0.11, 0.12, 0.12, 0.12, 0.10, 0.10, 0.10 };

double
GOSK(double e, double q, double z, double r)
{
  const double zs = z - 0.5;
  const double zs2 = zs * zs;
  const double qn = q / zs2;
  const double k2 = e / (zs2 * r) - 1.0;
  const double a = std::max(std::sqrt(std::abs(k2)), 0.01);
  const double d = qn - k2 + 1.0;
  const double denominatorBase = std::pow(d * d + 4.0 * k2, 3.0) * zs2 * zs2 * r * r;
  const double numerator = 256.0 * e * (qn + k2 / 3.0 + 1.0 / 3.0);
  if (k2 >= 0.0)
  {
    double b = std::atan(2.0 * a / d);
    if (b < 0.0)
    {
      b += itk::Math::pi;
    }
    return numerator * std::exp(-2.0 * b / a) / (denominatorBase * (1.0 - std::exp(-2.0 * itk::Math::pi / a)) + 1e-99);
  }
  const double y = -(1.0 / a) * std::log((qn + 1.0 - k2 + 2.0 * a) / (qn + 1.0 - k2 - 2.0 * a + 1e-99));
  return numerator * std::exp(y) / (denominatorBase + 1e-99);
}

double
GOSL23(double e, double q, double z, double r, double l3, double l1, double u)
{
  const double zs = z - 0.35 * 7.0 - 1.7;
  const double zs2 = zs * zs;
  const double qn = q / zs2;
  const double k2 = e / (zs2 * r) - 0.25;
  const double rf = std::pow((e + 0.1 - l3) / (1.8 * z * z), u);
  const double a = std::max(std::sqrt(std::abs(k2)), 0.01);
  const double d = qn - k2 + 0.25;
  double       c;
  double       dd;
  if (k2 >= 0.0)
  {
    double b = std::atan(a / d);
    if (b < 0.0)
    {
      b += itk::Math::pi;
    }
    c = std::exp(-2.0 * b / a);
    dd = 1.0 - std::exp(-2.0 * itk::Math::pi / a);
  }
  else
  {
    c = std::exp(-(1.0 / a) * std::log((qn + 0.25 - k2 + a) / (qn + 0.25 - k2 - a)));
    dd = 1.0;
  }
  const double k4 = k2 * k2;
  const double k6 = k4 * k2;
  double       g;
  double       aden;
  if (e <= l1)
  {
    g = 2.25 * std::pow(qn, 4.0) - (0.75 + 3.0 * k2) * std::pow(qn, 3.0) +
        (0.59375 - 0.75 * k2 - 0.5 * k4) * qn * qn + (0.11146 + 0.85417 * k2 + 1.8833 * k4 + k6) * qn + 0.0035807 +
        k2 / 21.333 + k4 / 4.5714 + k6 / 2.4 + k4 * k4 / 4.0;
    aden = std::pow(d * d + k2, 5.0);
  }
  else
  {
    g = std::pow(qn, 3.0) - (5.0 * k2 / 3.0 + 11.0 / 12.0) * qn * qn + (k4 / 3.0 + 1.5 * k2 + 65.0 / 48.0) * qn +
        k6 / 3.0 + 0.75 * k4 + 23.0 * k2 / 48.0 + 5.0 / 64.0;
    aden = std::pow(d * d + k2, 4.0);
  }
  return rf * 32.0 * g * c * e / (aden * dd * r * r * zs2 * zs2);
}
} // namespace

HydrogenicCrossSection::HydrogenicCrossSection(unsigned int atomicNumber, ShellEnum shell)
  : m_AtomicNumber(atomicNumber)
  , m_Shell(shell)
{
  if (atomicNumber < 1 || atomicNumber > 92)
  {
    itkGenericExceptionMacro(<< "HydrogenicCrossSection: atomic number " << atomicNumber << " is outside 1 ... 92");
  }
  if (shell == ShellEnum::K)
  {
    m_Onset = atomicNumber <= 22 ? KOnset[atomicNumber - 1] : 0.0;
    return;
  }
  if (atomicNumber < FirstL || atomicNumber > FirstL + 23)
  {
    itkGenericExceptionMacro(<< "HydrogenicCrossSection: the hydrogenic L2,3 model covers Z = 13 ... 36, not "
                             << EELSEdgeTable::GetSymbol(atomicNumber) << " (Z = " << atomicNumber << ")");
  }
  m_Onset = L3Onset[atomicNumber - FirstL];
  m_L1Energy = L1Energy[atomicNumber - FirstL];
  m_ThresholdExponent = ThresholdExponent[atomicNumber - FirstL];
}

HydrogenicCrossSection
HydrogenicCrossSection::FromEdge(const std::string & element, const std::string & edge)
{
  const unsigned int z = EELSEdgeTable::GetAtomicNumber(element);
  if (edge == "K" || edge == "K1")
  {
    return HydrogenicCrossSection(z, ShellEnum::K);
  }
  if (edge == "L" || edge == "L23" || edge == "L2,3")
  {
    return HydrogenicCrossSection(z, ShellEnum::L23);
  }
  itkGenericExceptionMacro(<< "HydrogenicCrossSection: no hydrogenic model for the " << element << " " << edge
                           << " edge (K and L2,3 only)");
}

void
HydrogenicCrossSection::SetOnsetEnergy(double onset)
{
  if (!(onset > 0.0) || !std::isfinite(onset))
  {
    itkGenericExceptionMacro(<< "HydrogenicCrossSection: the onset must be positive, got " << onset << " eV");
  }
  if (m_Shell == ShellEnum::L23)
  {
    m_L1Energy += onset - m_Onset;
  }
  m_Onset = onset;
}

double
HydrogenicCrossSection::GetOnsetEnergy() const
{
  if (!(m_Onset > 0.0))
  {
    itkGenericExceptionMacro(<< "HydrogenicCrossSection: the " << EELSEdgeTable::GetSymbol(m_AtomicNumber)
                             << " K edge has no hydrogenic onset (Z > 22): set one with SetOnsetEnergy()");
  }
  return m_Onset;
}

double
HydrogenicCrossSection::GOS(double energyLoss, double q, double rydbergEnergy) const
{
  const auto z = static_cast<double>(m_AtomicNumber);
  if (m_Shell == ShellEnum::K)
  {
    return GOSK(energyLoss, q, z, rydbergEnergy);
  }
  return GOSL23(energyLoss, q, z, rydbergEnergy, m_Onset, m_L1Energy, m_ThresholdExponent);
}

double
HydrogenicCrossSection::Integrate(double energyLoss, const MomentumTransferGrid & grid, double * q, double * weights) const
{
  const double prefactor = grid.Nodes(energyLoss, q, weights);
  const double r = grid.GetConstants().RydbergEnergy;
  double       integral = 0.0;
  for (unsigned int j = 0; j < grid.GetNumberOfNodes(); ++j)
  {
    integral += weights[j] * this->GOS(energyLoss, q[j], r);
  }
  return prefactor * integral;
}

double
HydrogenicCrossSection::Evaluate(double energyLoss, const MomentumTransferGrid & grid) const
{
  if (!(energyLoss > this->GetOnsetEnergy()))
  {
    return 0.0;
  }
  std::vector<double> q(grid.GetNumberOfNodes());
  std::vector<double> weights(grid.GetNumberOfNodes());
  return this->Integrate(energyLoss, grid, q.data(), weights.data());
}

std::vector<double>
HydrogenicCrossSection::Compute(const EnergyAxis & axis, const CrossSectionSettings & settings, double energyShift) const
{
  if (!std::isfinite(energyShift))
  {
    itkGenericExceptionMacro(<< "HydrogenicCrossSection: the energy shift must be finite");
  }
  const MomentumTransferGrid grid(settings);
  const double               onset = this->GetOnsetEnergy();
  if (axis.GetSize() == 0 || !(axis.GetLastEnergy() - energyShift > onset))
  {
    itkGenericExceptionMacro(<< "HydrogenicCrossSection: the " << EELSEdgeTable::GetSymbol(m_AtomicNumber)
                             << (m_Shell == ShellEnum::K ? " K" : " L2,3") << " edge (onset " << onset + energyShift
                             << " eV) lies above the whole energy axis (" << axis << ")");
  }
  std::vector<double>        q(grid.GetNumberOfNodes());
  std::vector<double>        weights(grid.GetNumberOfNodes());
  std::vector<double>        values(axis.GetSize(), 0.0);
  for (SizeValueType i = 0; i < axis.GetSize(); ++i)
  {
    const double e = axis.GetEnergy(static_cast<double>(i)) - energyShift;
    if (e > onset)
    {
      values[i] = this->Integrate(e, grid, q.data(), weights.data());
    }
  }
  return values;
}
} // end namespace itk
