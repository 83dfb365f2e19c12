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
#include "itkSpectrumShifter.h"

#include "itkFFTWGlobalConfiguration.h"
#include "itkMacro.h"
#include "itkMath.h"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <mutex>

namespace itk
{
struct SpectrumShifter::Plans
{
  fftw_plan Forward{ nullptr };
  fftw_plan Inverse{ nullptr };
};

namespace
{
// Keys' cubic convolution weights (a = -1/2) for the samples at -1, 0, 1, 2 of fraction t.
void
CubicWeights(double t, double w[4])
{
  const double t2 = t * t, t3 = t2 * t;
  w[0] = -0.5 * t3 + t2 - 0.5 * t;
  w[1] = 1.5 * t3 - 2.5 * t2 + 1.0;
  w[2] = -1.5 * t3 + 2.0 * t2 + 0.5 * t;
  w[3] = 0.5 * t3 - 0.5 * t2;
}
} // namespace

SpectrumShifter::SpectrumShifter(SpectrumShiftEnum method, SizeValueType inputLength, SizeValueType outputLength)
  : m_Method(method)
  , m_InputLength(inputLength)
  , m_OutputLength(outputLength)
  , m_Plans(new Plans)
{
  if (inputLength == 0 || outputLength == 0)
  {
    itkGenericExceptionMacro(<< "SpectrumShifter: empty spectra (" << inputLength << " in, " << outputLength << " out)");
  }
  if (method != SpectrumShiftEnum::Fourier)
  {
    return;
  }
  const int n = static_cast<int>(2 * inputLength);
  double *  real = fftw_alloc_real(2 * inputLength);
  auto *    spectrum = fftw_alloc_complex(inputLength + 1);
  {
    const std::lock_guard<std::mutex> lock(FFTWGlobalConfiguration::GetLockMutex());
    m_Plans->Forward = fftw_plan_dft_r2c_1d(n, real, spectrum, FFTW_ESTIMATE);
    m_Plans->Inverse = fftw_plan_dft_c2r_1d(n, spectrum, real, FFTW_ESTIMATE);
  }
  fftw_free(real);
  fftw_free(spectrum);
}

SpectrumShifter::~SpectrumShifter()
{
  if (m_Plans->Forward != nullptr)
  {
    const std::lock_guard<std::mutex> lock(FFTWGlobalConfiguration::GetLockMutex());
    fftw_destroy_plan(m_Plans->Forward);
    fftw_destroy_plan(m_Plans->Inverse);
  }
}

SpectrumShifter::Workspace::Workspace(const SpectrumShifter & shifter)
{
  if (shifter.m_Method == SpectrumShiftEnum::Fourier)
  {
    m_Real = fftw_alloc_real(2 * shifter.m_InputLength);
    m_Complex = reinterpret_cast<std::complex<double> *>(fftw_alloc_complex(shifter.m_InputLength + 1));
  }
}

SpectrumShifter::Workspace::~Workspace()
{
  fftw_free(m_Real);
  fftw_free(m_Complex);
}

void
SpectrumShifter::Shift(const double * in, double start, double pad, double * out, Workspace & workspace) const
{
  const auto   n = static_cast<long>(m_InputLength);
  const double whole = std::floor(start);
  double       fraction = start - whole;
  const double * source = in;
  bool           fourierShifted = false; // source[i] then holds in(i + fraction)
  if (m_Method == SpectrumShiftEnum::Roll)
  {
    fraction = 0.0;
  }
  if (m_Method == SpectrumShiftEnum::Fourier && fraction > 0.0)
  {
    // Mirror-extended spectrum, shifted by the fraction: y(j + fraction).
    const SizeValueType length = 2 * m_InputLength;
    double *            real = workspace.m_Real;
    std::copy(in, in + m_InputLength, real);
    std::reverse_copy(in, in + m_InputLength, real + m_InputLength);
    fftw_execute_dft_r2c(m_Plans->Forward, real, reinterpret_cast<fftw_complex *>(workspace.m_Complex));
    // The phase ramp exp(i 2 pi f fraction / length) / length, by rotation from an exact value
    // every 32 frequencies: two library sincos per 32 instead of one per frequency (most of the
    // time of a shift), within a few ulp of the direct values.
    const double step = 2.0 * itk::Math::pi * fraction / static_cast<double>(length);
    const std::complex<double> rotation(std::cos(step), std::sin(step));
    std::complex<double>       ramp;
    for (SizeValueType f = 0; f < m_InputLength; ++f)
    {
      if (f % 32 == 0)
      {
        const double phase = step * static_cast<double>(f);
        ramp = std::complex<double>(std::cos(phase), std::sin(phase)) / static_cast<double>(length);
      }
      workspace.m_Complex[f] *= ramp;
      ramp *= rotation;
    }
    // Nyquist: keep the signal real.
    workspace.m_Complex[m_InputLength] *= std::cos(step * static_cast<double>(m_InputLength)) / static_cast<double>(length);
    fftw_execute_dft_c2r(m_Plans->Inverse, reinterpret_cast<fftw_complex *>(workspace.m_Complex), real);
    source = real;
    fourierShifted = true;
  }
  const long first = m_Method == SpectrumShiftEnum::Roll ? std::lround(start) : static_cast<long>(whole);
  const auto outputLength = static_cast<long>(m_OutputLength);
  // Output channels [begin, end) have every sample they need; the others are padding.
  const long lastUsable = fraction == 0.0 ? n - 1 : n - 2; // i + fraction must lie in [0, n - 1]
  const long begin = std::clamp(-first, 0L, outputLength);
  const long end = std::clamp(lastUsable - first + 1, begin, outputLength);
  std::fill(out, out + begin, pad);
  std::fill(out + end, out + outputLength, pad);
  if (begin == end)
  {
    return;
  }
  const double * s = source + (first + begin); // s[j] is the sample of output channel begin + j
  if (fraction == 0.0 || fourierShifted)
  {
    std::copy(s, s + (end - begin), out + begin);
  }
  else if (m_Method == SpectrumShiftEnum::Linear)
  {
    for (long j = 0; j < end - begin; ++j)
    {
      out[begin + j] = s[j] + fraction * (s[j + 1] - s[j]);
    }
  }
  else
  {
    double w[4];
    CubicWeights(fraction, w);
    const auto at = [&](long i) { return source[std::clamp(i, 0L, n - 1)]; }; // ends repeated
    for (long k = begin; k < end; ++k)
    {
      const long i = first + k;
      out[k] = w[0] * at(i - 1) + w[1] * source[i] + w[2] * source[i + 1] + w[3] * at(i + 2);
    }
  }
}
} // end namespace itk
