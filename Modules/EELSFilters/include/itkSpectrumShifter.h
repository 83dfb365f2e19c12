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
#ifndef itkSpectrumShifter_h
#define itkSpectrumShifter_h

#include "itkEELSEnumNames.h"
#include "AnalyticalEMEELSFiltersExport.h"
#include "itkIntTypes.h"

#include <complex>
#include <iosfwd>
#include <memory>

namespace itk
{
/** \class SpectrumShifter
 * \brief Resamples a spectrum at x0, x0 + 1, ... (fractional channels), as EELSAlignFilter needs.
 *
 * out[k] = in(x0 + k) for k < output length, by SpectrumShiftEnum: Roll takes channel
 * round(x0) + k; Linear and Cubic interpolate (Cubic with Keys' kernel, a = -1/2, the end samples
 * repeated beyond the ends); Fourier applies the fractional part of x0 as a phase ramp to the
 * spectrum extended by its mirror image (length 2N, FFTW plans made once, shared by threads)
 * and then takes whole channels. Positions outside [0, N - 1] give the pad value. Integer x0
 * copies the samples exactly for every method.
 *
 * \ingroup AnalyticalEMEELSFilters
 */
class AnalyticalEMEELSFilters_EXPORT SpectrumShifter
{
public:
  SpectrumShifter(SpectrumShiftEnum method, SizeValueType inputLength, SizeValueType outputLength);
  ~SpectrumShifter();
  SpectrumShifter(const SpectrumShifter &) = delete;
  SpectrumShifter &
  operator=(const SpectrumShifter &) = delete;

  class AnalyticalEMEELSFilters_EXPORT Workspace
  {
  public:
    explicit Workspace(const SpectrumShifter & shifter);
    ~Workspace();
    Workspace(const Workspace &) = delete;
    Workspace &
    operator=(const Workspace &) = delete;

  private:
    friend class SpectrumShifter;
    double *               m_Real{ nullptr };
    std::complex<double> * m_Complex{ nullptr };
  };

  void
  Shift(const double * in, double start, double pad, double * out, Workspace & workspace) const;

private:
  SpectrumShiftEnum m_Method;
  SizeValueType     m_InputLength;
  SizeValueType     m_OutputLength;
  struct Plans;
  std::unique_ptr<Plans> m_Plans;
};
} // end namespace itk

#endif
