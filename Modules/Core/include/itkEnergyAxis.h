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
#ifndef itkEnergyAxis_h
#define itkEnergyAxis_h

#include "AnalyticalEMCoreExport.h"
#include "itkIntTypes.h"
#include "itkMetaDataDictionary.h"

#include <iosfwd>

namespace itk
{
/** \class EnergyAxis
 * \brief Calibration of the energy (channel) axis of a spectrum or spectrum image.
 *
 * Channel i is sampled at E_i = Offset + i * Dispersion (eV); Dispersion > 0. The axis of a
 * VectorImage spectrum image has as many channels as the image has components; it travels in
 * the MetaDataDictionary under the keys EnergyOffset, EnergyDispersion and EnergyUnits.
 *
 * GetIndex() implements the channel lookup used throughout the EELS filters: 0 below the first
 * channel, Size (one past the end) at or above the last one, otherwise the nearest channel, the
 * lower one on ties. Energy windows [Ea, Eb] select the half-open channel range
 * [GetIndex(Ea), GetIndex(Eb)).
 *
 * \ingroup AnalyticalEMCore
 */
class AnalyticalEMCore_EXPORT EnergyAxis
{
public:
  /** An empty axis (no channels, offset 0 eV, 1 eV per channel). */
  EnergyAxis() = default;

  /** Throws if the dispersion is not a finite positive number or the offset is not finite. */
  EnergyAxis(double offset, double dispersion, SizeValueType size);

  double
  GetOffset() const
  {
    return m_Offset;
  }
  double
  GetDispersion() const
  {
    return m_Dispersion;
  }
  SizeValueType
  GetSize() const
  {
    return m_Size;
  }

  /** Energy of a (possibly fractional) channel position. */
  double
  GetEnergy(double channel) const
  {
    return m_Offset + channel * m_Dispersion;
  }

  /** Energy of the last channel; throws for an empty axis. */
  double
  GetLastEnergy() const;

  /** Continuous channel position of an energy: (E - Offset) / Dispersion. */
  double
  GetChannel(double energy) const
  {
    return (energy - m_Offset) / m_Dispersion;
  }

  /** Channel lookup (see the class description). */
  SizeValueType
  GetIndex(double energy) const;

  /** The sub-axis of \a count channels starting at channel \a first; throws when out of range. */
  EnergyAxis
  Crop(SizeValueType first, SizeValueType count) const;

  /** The same channels relabelled by adding \a deltaEnergy to every energy. */
  EnergyAxis
  Shifted(double deltaEnergy) const;

  /** Dispersions equal after rounding to 8 decimals (the rule for convolving two spectra). */
  bool
  HasSameDispersion(const EnergyAxis & other) const;

  /** Same dispersion and channel energies that coincide up to 1e-6 channel where they overlap. */
  bool
  IsAlignedWith(const EnergyAxis & other) const;

  /** The channels both axes have; throws unless the axes are aligned and overlap. The result
   * uses this axis' calibration. */
  EnergyAxis
  CommonRange(const EnergyAxis & other) const;

  /** First channel of this axis that lies in the common range with \a other. */
  SizeValueType
  GetCommonRangeStart(const EnergyAxis & other) const;

  bool
  operator==(const EnergyAxis & other) const;
  bool
  operator!=(const EnergyAxis & other) const
  {
    return !(*this == other);
  }

  /** Writes EnergyOffset, EnergyDispersion (shortest exact text) and EnergyUnits = eV. */
  void
  WriteTo(MetaDataDictionary & dictionary) const;

  /** Reads the axis of a spectrum with \a size channels. Units eV (or absent) and keV are
   * accepted; a missing offset or dispersion, a non-positive dispersion or unknown units throw. */
  static EnergyAxis
  ReadFrom(const MetaDataDictionary & dictionary, SizeValueType size);

  /** True when the dictionary holds both EnergyOffset and EnergyDispersion. */
  static bool
  IsDefinedIn(const MetaDataDictionary & dictionary);

  /** Removes the energy keys from a dictionary. */
  static void
  EraseFrom(MetaDataDictionary & dictionary);

private:
  double        m_Offset{ 0.0 };
  double        m_Dispersion{ 1.0 };
  SizeValueType m_Size{ 0 };
};

AnalyticalEMCore_EXPORT std::ostream &
operator<<(std::ostream & os, const EnergyAxis & axis);
} // end namespace itk

#endif
