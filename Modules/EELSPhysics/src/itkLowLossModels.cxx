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
#include "itkLowLossModels.h"

#include "itkMacro.h"

#include <algorithm>
#include <cmath>
#include <complex>

namespace itk
{
namespace LowLossPeaks
{
double
Gaussian(double energy, double amplitude, double centre, double fwhm)
{
  const double sigma = fwhm / (2.0 * std::sqrt(2.0 * std::log(2.0)));
  const double d = (energy - centre) / sigma;
  return amplitude * std::exp(-0.5 * d * d);
}

double
Lorentzian(double energy, double amplitude, double centre, double fwhm)
{
  const double half = 0.5 * fwhm;
  const double d = energy - centre;
  return amplitude * half * half / (d * d + half * half);
}
} // namespace LowLossPeaks

DrudePlasmonSeries::DrudePlasmonSeries(const EnergyAxis & axis, const Parameters & parameters)
  : m_Axis(axis)
  , m_Parameters(parameters)
{
  const auto & p = parameters;
  if (!(p.PlasmonEnergy > 0.0) || !(p.PlasmonWidth > 0.0) || !(p.BandGapEnergy >= 0.0) || p.NumberOfPlasmons == 0 ||
      !(p.CollectionSemiAngle > 0.0) || !std::isfinite(p.PlasmonEnergy + p.PlasmonWidth + p.BandGapEnergy))
  {
    itkGenericExceptionMacro(<< "DrudePlasmonSeries: invalid parameters (Ep " << p.PlasmonEnergy << " eV, Ew "
                             << p.PlasmonWidth << " eV, Eb " << p.BandGapEnergy << " eV, " << p.NumberOfPlasmons
                             << " plasmons, beta " << p.CollectionSemiAngle << " rad)");
  }
  m_Electron = IncidentElectron::Compute(p.BeamVoltage, EELSConstants::Get(p.Constants));
  const SizeValueType channels = axis.GetSize();
  m_Shapes.assign(p.NumberOfPlasmons * channels, 0.0);
  m_ShapeSums.assign(p.NumberOfPlasmons, 0.0);
  for (unsigned int k = 0; k < p.NumberOfPlasmons; ++k)
  {
    for (SizeValueType i = 0; i < channels; ++i)
    {
      const double s = this->SinglePlasmon(axis.GetEnergy(static_cast<double>(i)), (k + 1.0) * p.PlasmonEnergy);
      m_Shapes[k * channels + i] = s;
      m_ShapeSums[k] += s;
    }
  }
}

double
DrudePlasmonSeries::SinglePlasmon(double energy, double plasmonEnergy) const
{
  if (!(energy > 0.0))
  {
    return 0.0;
  }
  const auto &                p = m_Parameters;
  const std::complex<double>  denominator(energy * energy - p.BandGapEnergy * p.BandGapEnergy, energy * p.PlasmonWidth);
  const std::complex<double>  epsilon = 1.0 - plasmonEnergy * plasmonEnergy / denominator;
  const double                lossFunction = std::imag(-1.0 / epsilon);
  const double                thetaE = energy / (m_Electron.Gamma * m_Electron.MV2);
  const double                beta = p.CollectionSemiAngle;
  return lossFunction * std::log(1.0 + beta * beta / (thetaE * thetaE));
}

void
DrudePlasmonSeries::Coefficients(double thickness, double zeroLossSum, double * coefficients) const
{
  if (!(thickness >= 0.0) || !std::isfinite(thickness))
  {
    itkGenericExceptionMacro(<< "DrudePlasmonSeries: t/lambda must be >= 0, got " << thickness);
  }
  const unsigned int n = m_Parameters.NumberOfPlasmons;
  double             weight = std::exp(-thickness);
  double             total = 0.0;
  for (unsigned int k = 0; k < n; ++k)
  {
    weight *= thickness / (k + 1.0); // e^-t t^(k+1) / (k+1)!
    coefficients[k] = weight;
    total += weight * m_ShapeSums[k];
  }
  const double scale = total > 0.0 ? std::expm1(thickness) * zeroLossSum / total : 0.0;
  for (unsigned int k = 0; k < n; ++k)
  {
    coefficients[k] *= scale;
  }
}

void
DrudePlasmonSeries::Compute(double thickness, double zeroLossSum, double * out) const
{
  const SizeValueType channels = m_Axis.GetSize();
  const unsigned int  n = m_Parameters.NumberOfPlasmons;
  std::vector<double> c(n);
  this->Coefficients(thickness, zeroLossSum, c.data());
  std::fill(out, out + channels, 0.0);
  for (unsigned int k = 0; k < n; ++k)
  {
    const double * shape = this->GetShape(k);
    for (SizeValueType i = 0; i < channels; ++i)
    {
      out[i] += c[k] * shape[i];
    }
  }
}

std::vector<double>
DrudePlasmonSeries::Compute(double thickness, double zeroLossSum) const
{
  std::vector<double> out(m_Axis.GetSize());
  this->Compute(thickness, zeroLossSum, out.data());
  return out;
}
} // end namespace itk
