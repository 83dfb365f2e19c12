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
#include "itkLowLossConvolver.h"

#include "itkFFTWGlobalConfiguration.h"
#include "itkMacro.h"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <mutex>

namespace itk
{
struct LowLossConvolver::Plans
{
  fftw_plan Forward{ nullptr };
  fftw_plan Inverse{ nullptr };
};

namespace
{
// The product of two finite complex numbers, written out: std::complex's operator* goes through a
// NaN-recovering library call that costs more than the transforms.
inline std::complex<double>
Product(const std::complex<double> & a, const std::complex<double> & b)
{
  return { a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real() };
}

fftw_complex *
AsFFTW(std::complex<double> * values)
{
  return reinterpret_cast<fftw_complex *>(values); // layout-compatible (C++11 [complex.numbers])
}
} // namespace

LowLossConvolver::LowLossConvolver(SizeValueType modelLength, SizeValueType lowLossLength)
  : m_ModelLength(modelLength)
  , m_LowLossLength(lowLossLength)
  , m_Plans(new Plans)
{
  if (modelLength == 0 || lowLossLength == 0)
  {
    itkGenericExceptionMacro(<< "LowLossConvolver: the model (" << modelLength << ") and low-loss (" << lowLossLength
                             << ") lengths must be positive");
  }
  m_TransformLength = FastTransformLength(modelLength + lowLossLength - 1);
  const int n = static_cast<int>(m_TransformLength);
  double *  real = fftw_alloc_real(m_TransformLength);
  auto *    spectrum = fftw_alloc_complex(m_TransformLength / 2 + 1);
  {
    // FFTW's planner is not thread-safe; ITK's FFT filters share this lock.
    const std::lock_guard<std::mutex> lock(FFTWGlobalConfiguration::GetLockMutex());
    m_Plans->Forward = fftw_plan_dft_r2c_1d(n, real, spectrum, FFTW_ESTIMATE);
    m_Plans->Inverse = fftw_plan_dft_c2r_1d(n, spectrum, real, FFTW_ESTIMATE);
  }
  fftw_free(real);
  fftw_free(spectrum);
  if (m_Plans->Forward == nullptr || m_Plans->Inverse == nullptr)
  {
    itkGenericExceptionMacro(<< "LowLossConvolver: FFTW could not plan transforms of length " << n);
  }
}

LowLossConvolver::~LowLossConvolver()
{
  const std::lock_guard<std::mutex> lock(FFTWGlobalConfiguration::GetLockMutex());
  fftw_destroy_plan(m_Plans->Forward);
  fftw_destroy_plan(m_Plans->Inverse);
}

LowLossConvolver::Workspace::Workspace(const LowLossConvolver & convolver)
  : m_Real(fftw_alloc_real(convolver.m_TransformLength))
  , m_Complex(reinterpret_cast<std::complex<double> *>(fftw_alloc_complex(convolver.m_TransformLength / 2 + 1)))
{
  if (m_Real == nullptr || m_Complex == nullptr)
  {
    fftw_free(m_Real);
    fftw_free(m_Complex);
    itkGenericExceptionMacro(<< "LowLossConvolver: cannot allocate the FFT workspace");
  }
}

LowLossConvolver::Workspace::~Workspace()
{
  fftw_free(m_Real);
  fftw_free(m_Complex);
}

SizeValueType
LowLossConvolver::FastTransformLength(SizeValueType minimum)
{
  SizeValueType best = 1;
  while (best < minimum)
  {
    best *= 2;
  }
  for (SizeValueType p7 = 1; p7 < best; p7 *= 7)
  {
    for (SizeValueType p5 = p7; p5 < best; p5 *= 5)
    {
      for (SizeValueType p3 = p5; p3 < best; p3 *= 3)
      {
        SizeValueType length = p3;
        while (length < minimum)
        {
          length *= 2;
        }
        best = std::min(best, length);
      }
    }
  }
  return best;
}

SizeValueType
LowLossConvolver::ZeroLossChannel(const double * lowLoss, SizeValueType length)
{
  return static_cast<SizeValueType>(std::max_element(lowLoss, lowLoss + length) - lowLoss);
}

void
LowLossConvolver::TransformKernel(const double * lowLoss, Spectrum & kernel, Workspace & workspace) const
{
  double sum = 0.0;
  for (SizeValueType i = 0; i < m_LowLossLength; ++i)
  {
    sum += lowLoss[i];
  }
  if (!(sum > 0.0) || !std::isfinite(sum))
  {
    itkGenericExceptionMacro(<< "LowLossConvolver: the low loss has no positive, finite sum (" << sum
                             << "), so it has no zero-loss peak to normalise by");
  }
  this->TransformKernel(lowLoss, ZeroLossChannel(lowLoss, m_LowLossLength), 1.0 / sum, kernel, workspace);
}

void
LowLossConvolver::TransformKernel(const double * lowLoss, SizeValueType origin, double scale, Spectrum & kernel,
                                  Workspace & workspace) const
{
  if (origin >= m_LowLossLength)
  {
    itkGenericExceptionMacro(<< "LowLossConvolver: kernel origin " << origin << " outside the " << m_LowLossLength
                             << " channels");
  }
  // l[origin + j] goes to position j mod L; the 1 / L of the unnormalised inverse is folded in too.
  const SizeValueType length = m_TransformLength;
  const double        factor = scale / static_cast<double>(length);
  double *            real = workspace.m_Real;
  std::fill(real, real + length, 0.0);
  for (SizeValueType i = origin; i < m_LowLossLength; ++i)
  {
    real[i - origin] = lowLoss[i] * factor;
  }
  for (SizeValueType i = 0; i < origin; ++i)
  {
    real[length - origin + i] = lowLoss[i] * factor;
  }
  fftw_execute_dft_r2c(m_Plans->Forward, real, AsFFTW(workspace.m_Complex));
  kernel.assign(workspace.m_Complex, workspace.m_Complex + length / 2 + 1);
}

void
LowLossConvolver::TransformModel(const double * model, Spectrum & transformed, Workspace & workspace) const
{
  double * real = workspace.m_Real;
  std::copy(model, model + m_ModelLength, real);
  std::fill(real + m_ModelLength, real + m_TransformLength, 0.0);
  fftw_execute_dft_r2c(m_Plans->Forward, real, AsFFTW(workspace.m_Complex));
  transformed.assign(workspace.m_Complex, workspace.m_Complex + m_TransformLength / 2 + 1);
}

void
LowLossConvolver::Convolve(const Spectrum & transformedModel, const Spectrum & kernel, double * out,
                           Workspace & workspace) const
{
  const SizeValueType bins = m_TransformLength / 2 + 1;
  if (transformedModel.size() != bins || kernel.size() != bins)
  {
    itkGenericExceptionMacro(<< "LowLossConvolver: spectra of " << transformedModel.size() << " and " << kernel.size()
                             << " bins for transforms of " << bins << " bins");
  }
  std::complex<double> * product = workspace.m_Complex;
  for (SizeValueType b = 0; b < bins; ++b)
  {
    product[b] = Product(transformedModel[b], kernel[b]);
  }
  fftw_execute_dft_c2r(m_Plans->Inverse, AsFFTW(product), workspace.m_Real);
  std::copy(workspace.m_Real, workspace.m_Real + m_ModelLength, out);
}

void
LowLossConvolver::Convolve(const double * model, const Spectrum & kernel, double * out, Workspace & workspace) const
{
  const SizeValueType bins = m_TransformLength / 2 + 1;
  if (kernel.size() != bins)
  {
    itkGenericExceptionMacro(<< "LowLossConvolver: a kernel of " << kernel.size() << " bins for transforms of " << bins
                             << " bins");
  }
  double * real = workspace.m_Real;
  std::copy(model, model + m_ModelLength, real);
  std::fill(real + m_ModelLength, real + m_TransformLength, 0.0);
  fftw_execute_dft_r2c(m_Plans->Forward, real, AsFFTW(workspace.m_Complex));
  for (SizeValueType b = 0; b < bins; ++b)
  {
    workspace.m_Complex[b] = Product(workspace.m_Complex[b], kernel[b]);
  }
  fftw_execute_dft_c2r(m_Plans->Inverse, AsFFTW(workspace.m_Complex), real);
  std::copy(real, real + m_ModelLength, out);
}
} // end namespace itk
