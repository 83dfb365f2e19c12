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
#ifndef itkZeroLossPeakLocator_h
#define itkZeroLossPeakLocator_h

#include "itkEELSEnumNames.h"
#include "AnalyticalEMEELSFiltersExport.h"
#include "itkIntTypes.h"

#include <cmath>
#include <iosfwd>
#include <vector>

namespace itk
{
/** \brief Sub-channel positions of zero-loss peaks, in channels of the spectrum.
 *
 * Every function takes a spectrum of n channels (double; FindPeak() any pixel type) and returns
 * the fractional channel of its zero-loss peak; FindPeak() first decides whether the spectrum has
 * a usable peak at all.
 * \ingroup AnalyticalEMEELSFilters
 */
namespace ZeroLossPeakLocator
{
/** The channel of the maximum (first on ties), or false when the spectrum has no usable peak:
 * a non-finite value, a maximum <= 0 or >= \a saturation, a flat top of three or more channels at
 * the maximum (clipping), or a maximum on the first or last channel. */
AnalyticalEMEELSFilters_EXPORT bool
FindPeak(const float * spectrum, SizeValueType n, double saturation, SizeValueType & peak);
AnalyticalEMEELSFilters_EXPORT bool
FindPeak(const double * spectrum, SizeValueType n, double saturation, SizeValueType & peak);
/** FindPeak() for integer spectra (float and double have vectorised overloads). */
template <typename T>
bool
FindPeak(const T * spectrum, SizeValueType n, double saturation, SizeValueType & peak)
{
  peak = 0;
  for (SizeValueType k = 0; k < n; ++k)
  {
    if (!std::isfinite(static_cast<double>(spectrum[k])))
    {
      return false;
    }
    if (spectrum[k] > spectrum[peak])
    {
      peak = k;
    }
  }
  const auto top = static_cast<double>(spectrum[peak]);
  if (!(top > 0.0) || top >= saturation || peak == 0 || peak + 1 >= n)
  {
    return false;
  }
  const bool flatTop = spectrum[peak + 1] == spectrum[peak] && peak + 2 < n && spectrum[peak + 2] == spectrum[peak];
  return !flatTop;
}

/** The vertex of the parabola through log(y) at peak - 1, peak, peak + 1 (the plain parabola of
 * y where a value is not positive), clamped to [peak - 1, peak + 1]. */
AnalyticalEMEELSFilters_EXPORT double
RefinePeak(double left, double centre, double right);

/** Full width at half maximum around \a peak (channels), from linear interpolation of the two
 * half-maximum crossings; 0 when a crossing is missing. */
AnalyticalEMEELSFilters_EXPORT double
FullWidthHalfMaximum(const double * spectrum, SizeValueType n, SizeValueType peak);

/** Weighted least-squares fit of A g((x - c) / FWHM) to the channels [first, last] (weights
 * 1 / max(y, 1)), Levenberg-Marquardt with analytic derivatives, started at the refined maximum
 * and \a fwhm; c stays within [first, last], the FWHM within [fwhm / 20, 20 fwhm]. Returns c. */
AnalyticalEMEELSFilters_EXPORT double
FitPeak(const double * spectrum, SizeValueType first, SizeValueType last, SizeValueType peak, double fwhm,
        ZeroLossShapeEnum shape);

/** A reference for CrossCorrelation: the window [peak - half, peak + half] of a spectrum, mean
 * subtracted, and the sub-channel centre of its peak. */
struct AnalyticalEMEELSFilters_EXPORT CorrelationReference
{
  std::vector<double> Window; // 2 half + 1 values
  SizeValueType       HalfWidth{ 0 };
  double              CentreOffset{ 0.0 }; // refined centre - peak channel of the reference

  /** From a spectrum with its peak channel; throws when the window does not fit. */
  static CorrelationReference
  Make(const double * spectrum, SizeValueType n, SizeValueType peak, SizeValueType halfWidth);
};

/** The largest lag (channels) Correlate() tries. */
constexpr long MaximumLag = 3;

/** The centre of the pixel's peak: peak + lag + the reference's centre offset, the lag maximising
 * the correlation of the mean-subtracted windows over lags -MaximumLag ... MaximumLag, refined by
 * RefinePeak(). Reads channels peak +- (half width + MaximumLag + 1); returns NaN when these run
 * past the spectrum. */
AnalyticalEMEELSFilters_EXPORT double
Correlate(const double * spectrum, SizeValueType n, SizeValueType peak, const CorrelationReference & reference);
} // namespace ZeroLossPeakLocator
} // end namespace itk

#endif
