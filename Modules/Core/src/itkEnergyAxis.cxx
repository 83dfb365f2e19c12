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
#include "itkEnergyAxis.h"
#include "itkEMMetaData.h"
#include "itkMacro.h"

#include <algorithm>
#include <cmath>
#include <ostream>

namespace itk
{
namespace
{
// Two channel grids coincide when their energies differ by less than this fraction of a channel.
constexpr double ChannelAlignmentTolerance = 1e-6;
} // namespace

EnergyAxis::EnergyAxis(double offset, double dispersion, SizeValueType size)
  : m_Offset(offset)
  , m_Dispersion(dispersion)
  , m_Size(size)
{
  if (!std::isfinite(offset))
  {
    itkGenericExceptionMacro(<< "EnergyAxis: offset must be finite, got " << offset);
  }
  if (!std::isfinite(dispersion) || dispersion <= 0.0)
  {
    itkGenericExceptionMacro(<< "EnergyAxis: dispersion must be a finite number > 0 eV/channel, got " << dispersion);
  }
}

double
EnergyAxis::GetLastEnergy() const
{
  if (m_Size == 0)
  {
    itkGenericExceptionMacro(<< "EnergyAxis: an empty axis has no last energy");
  }
  return this->GetEnergy(static_cast<double>(m_Size - 1));
}

SizeValueType
EnergyAxis::GetIndex(double energy) const
{
  if (m_Size == 0 || energy < m_Offset)
  {
    return 0;
  }
  if (energy >= this->GetLastEnergy())
  {
    return m_Size;
  }
  // Nearest of the two neighbouring channels, measured on the channel energies themselves so
  // that ties go to the lower channel exactly as an argmin over the energies would.
  const auto    lower = static_cast<SizeValueType>(std::floor(this->GetChannel(energy)));
  SizeValueType best = std::min(lower, m_Size - 1);
  double        bestDistance = std::abs(this->GetEnergy(static_cast<double>(best)) - energy);
  for (SizeValueType candidate = (best > 0 ? best - 1 : 0); candidate <= std::min(best + 1, m_Size - 1); ++candidate)
  {
    const double distance = std::abs(this->GetEnergy(static_cast<double>(candidate)) - energy);
    if (distance < bestDistance || (distance == bestDistance && candidate < best))
    {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

EnergyAxis
EnergyAxis::Crop(SizeValueType first, SizeValueType count) const
{
  if (first > m_Size || count > m_Size - first)
  {
    itkGenericExceptionMacro(<< "EnergyAxis: cannot crop channels [" << first << ", " << first + count
                             << ") from an axis of " << m_Size << " channels");
  }
  return EnergyAxis(this->GetEnergy(static_cast<double>(first)), m_Dispersion, count);
}

EnergyAxis
EnergyAxis::Shifted(double deltaEnergy) const
{
  return EnergyAxis(m_Offset + deltaEnergy, m_Dispersion, m_Size);
}

bool
EnergyAxis::HasSameDispersion(const EnergyAxis & other) const
{
  return std::round(m_Dispersion * 1e8) == std::round(other.m_Dispersion * 1e8);
}

bool
EnergyAxis::IsAlignedWith(const EnergyAxis & other) const
{
  if (!this->HasSameDispersion(other))
  {
    return false;
  }
  const double shiftInChannels = (other.m_Offset - m_Offset) / m_Dispersion;
  return std::abs(shiftInChannels - std::round(shiftInChannels)) < ChannelAlignmentTolerance;
}

SizeValueType
EnergyAxis::GetCommonRangeStart(const EnergyAxis & other) const
{
  const double shift = std::round((other.m_Offset - m_Offset) / m_Dispersion);
  return shift > 0.0 ? static_cast<SizeValueType>(shift) : 0;
}

EnergyAxis
EnergyAxis::CommonRange(const EnergyAxis & other) const
{
  if (!this->IsAlignedWith(other))
  {
    itkGenericExceptionMacro(<< "EnergyAxis: no common range between " << *this << " and " << other
                             << ": the channel grids differ");
  }
  // Work in this axis' channel numbers: the other axis covers [shift, shift + other.size).
  const double shift = std::round((other.m_Offset - m_Offset) / m_Dispersion);
  const double begin = std::max(0.0, shift);
  const double end = std::min(static_cast<double>(m_Size), shift + static_cast<double>(other.m_Size));
  if (end <= begin)
  {
    itkGenericExceptionMacro(<< "EnergyAxis: " << *this << " and " << other << " do not overlap");
  }
  return this->Crop(static_cast<SizeValueType>(begin), static_cast<SizeValueType>(end - begin));
}

bool
EnergyAxis::operator==(const EnergyAxis & other) const
{
  return m_Offset == other.m_Offset && m_Dispersion == other.m_Dispersion && m_Size == other.m_Size;
}

void
EnergyAxis::WriteTo(MetaDataDictionary & dictionary) const
{
  EMMetaData::SetDouble(dictionary, EMMetaDataKeys::EnergyOffset, m_Offset);
  EMMetaData::SetDouble(dictionary, EMMetaDataKeys::EnergyDispersion, m_Dispersion);
  EMMetaData::SetString(dictionary, EMMetaDataKeys::EnergyUnits, "eV");
}

EnergyAxis
EnergyAxis::ReadFrom(const MetaDataDictionary & dictionary, SizeValueType size)
{
  if (!IsDefinedIn(dictionary))
  {
    itkGenericExceptionMacro(<< "No energy axis: the image metadata lack " << EMMetaDataKeys::EnergyOffset << " and/or "
                             << EMMetaDataKeys::EnergyDispersion);
  }
  double scale = 1.0;
  if (EMMetaData::Has(dictionary, EMMetaDataKeys::EnergyUnits))
  {
    const std::string units = EMMetaData::GetString(dictionary, EMMetaDataKeys::EnergyUnits);
    if (units == "keV")
    {
      scale = 1000.0;
    }
    else if (units != "eV")
    {
      itkGenericExceptionMacro(<< "Unsupported " << EMMetaDataKeys::EnergyUnits << " \"" << units
                               << "\" (expected eV or keV)");
    }
  }
  return EnergyAxis(scale * EMMetaData::GetDouble(dictionary, EMMetaDataKeys::EnergyOffset),
                    scale * EMMetaData::GetDouble(dictionary, EMMetaDataKeys::EnergyDispersion),
                    size);
}

bool
EnergyAxis::IsDefinedIn(const MetaDataDictionary & dictionary)
{
  return dictionary.HasKey(EMMetaDataKeys::EnergyOffset) && dictionary.HasKey(EMMetaDataKeys::EnergyDispersion);
}

void
EnergyAxis::EraseFrom(MetaDataDictionary & dictionary)
{
  EMMetaData::Erase(dictionary, EMMetaDataKeys::EnergyOffset);
  EMMetaData::Erase(dictionary, EMMetaDataKeys::EnergyDispersion);
  EMMetaData::Erase(dictionary, EMMetaDataKeys::EnergyUnits);
}

std::ostream &
operator<<(std::ostream & os, const EnergyAxis & axis)
{
  os << "EnergyAxis(offset " << axis.GetOffset() << " eV, dispersion " << axis.GetDispersion() << " eV/channel, "
     << axis.GetSize() << " channels)";
  return os;
}
} // end namespace itk
