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
#ifndef itkEDSLineModel_h
#define itkEDSLineModel_h

#include "AnalyticalEMEDSExport.h"
#include "itkEDSXrayLineTable.h"
#include "itkEMEnumNames.h"
#include "itkEnergyAxis.h"

#include <string>
#include <vector>

namespace itk
{
/** \class EDSEnums
 * \brief The options of the EDS filters.
 *
 * Nested in one class, ITK's convention, so that ITK's Python wrapping exposes them
 * (itk.EDSEnums.LineMethod_Fit); EDSLineMethodEnum is the name the C++ code uses.
 *
 * \ingroup AnalyticalEMEDS
 */
class EDSEnums
{
public:
  /** How EDSLineModel measures a line's intensity. */
  enum class LineMethod : uint8_t
  {
    /** Counts in a window around the line, minus the background measured in windows on both
     * sides scaled to the window's width. */
    Windows,
    /** Least-squares fit of every requested line's family (its lines as Gaussians of the
     * detector's width, weighted as the line table says) and a quadratic background, over the
     * range the lines span; overlapping lines are separated. */
    Fit
  };
};
using EDSLineMethodEnum = EDSEnums::LineMethod;

template <>
struct EMEnumNames<EDSLineMethodEnum>
{
  static constexpr const char *                  EnumName = "EDSLineMethodEnum";
  static constexpr EMEnumName<EDSLineMethodEnum> Entries[] = {
    { EDSLineMethodEnum::Windows, "Windows", "windows" },
    { EDSLineMethodEnum::Fit, "Fit", "fit" },
  };
};

/** \class EDSLineModel
 * \brief X-ray line intensities of an EDS spectrum as one linear map: intensities = M s.
 *
 * Both methods are linear in the counts, so a spectrum image's maps are one matrix (lines x
 * channels) applied to every pixel. The detector's line width follows Fiori and Newbury's
 * FWHM(E)^2 = R^2 + 2.5 (E - E(Mn Ka)) (eV), R the FWHM at Mn Ka (default 130 eV).
 *
 * Windows (defaults as HyperSpy's get_lines_intensity with estimate_background_windows): the
 * signal window is E +/- IntegrationWidth FWHM / 2; the background windows lie
 * BackgroundOffset FWHM below and above the line and are BackgroundWidth FWHM wide; the
 * background windows of lines closer than their windows are shared. A window [a, b) in energy
 * takes the channels round((a - offset) / dispersion) to round((b - offset) / dispersion)
 * (exclusive), rounding halves to even.
 *
 * Fit: each requested line stands for its family; the intensity reported is that of the named
 * line (its weight times the family's amplitude). The background is a quadratic in energy over
 * the fitted range (the lines' energies +/- FitMargin FWHM).
 *
 * \ingroup AnalyticalEMEDS
 */
class AnalyticalEMEDS_EXPORT EDSLineModel
{
public:
  /** FWHM (eV) of a line at \a energy (eV) for a detector of FWHM \a resolutionMnKa at Mn Ka. */
  static double
  GetFWHM(double energy, double resolutionMnKa);

  void
  SetLines(const std::vector<std::string> & names);
  const std::vector<EDSXrayLine> &
  GetLines() const
  {
    return m_Lines;
  }
  void
  SetMethod(EDSLineMethodEnum method)
  {
    m_Method = method;
  }
  void
  SetResolutionMnKa(double eV)
  {
    m_ResolutionMnKa = eV;
  }
  void
  SetIntegrationWidth(double fwhm)
  {
    m_IntegrationWidth = fwhm;
  }
  /** Windows only: subtract the background measured beside each line (default true). */
  void
  SetSubtractBackground(bool subtract)
  {
    m_SubtractBackground = subtract;
  }

  /** The matrix (lines x channels, row-major) for spectra on \a axis; throws when a line or its
   * windows fall outside the axis, or the fit is singular. */
  std::vector<double>
  Compute(const EnergyAxis & axis) const;

private:
  std::vector<double>
  WindowMatrix(const EnergyAxis & axis) const;
  std::vector<double>
  FitMatrix(const EnergyAxis & axis) const;

  std::vector<EDSXrayLine> m_Lines;
  EDSLineMethodEnum        m_Method{ EDSLineMethodEnum::Windows };
  double                   m_ResolutionMnKa{ 130.0 };
  double                   m_IntegrationWidth{ 2.0 };
  bool                     m_SubtractBackground{ true };
};
} // end namespace itk

#endif
