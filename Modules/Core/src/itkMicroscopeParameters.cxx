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
#include "itkMicroscopeParameters.h"
#include "itkEMMetaData.h"
#include "itkMacro.h"

#include <cmath>
#include <ostream>

namespace itk
{
namespace
{
void
CheckValue(const char * name, double value, bool zeroAllowed)
{
  if (!std::isfinite(value) || value < 0.0 || (!zeroAllowed && value == 0.0))
  {
    itkGenericExceptionMacro(<< "MicroscopeParameters: " << name << " must be finite and "
                             << (zeroAllowed ? ">= 0" : "> 0") << ", got " << value);
  }
}

double
RequireValue(const char * name, double value, bool isSet)
{
  if (!isSet)
  {
    itkGenericExceptionMacro(<< "MicroscopeParameters: " << name << " is not set");
  }
  return value;
}
} // namespace

void
MicroscopeParameters::SetBeamEnergy(double kiloVolts)
{
  CheckValue(EMMetaDataKeys::BeamEnergy, kiloVolts, false);
  m_BeamEnergy = kiloVolts;
  m_HasBeamEnergy = true;
}

double
MicroscopeParameters::GetBeamEnergy() const
{
  return RequireValue(EMMetaDataKeys::BeamEnergy, m_BeamEnergy, m_HasBeamEnergy);
}

bool
MicroscopeParameters::HasBeamEnergy() const
{
  return m_HasBeamEnergy;
}

double
MicroscopeParameters::GetBeamVoltage() const
{
  return 1000.0 * this->GetBeamEnergy();
}

void
MicroscopeParameters::SetConvergenceSemiAngle(double milliradians)
{
  CheckValue(EMMetaDataKeys::ConvergenceSemiAngle, milliradians, true);
  m_ConvergenceSemiAngle = milliradians;
  m_HasConvergenceSemiAngle = true;
}

double
MicroscopeParameters::GetConvergenceSemiAngle() const
{
  return RequireValue(EMMetaDataKeys::ConvergenceSemiAngle, m_ConvergenceSemiAngle, m_HasConvergenceSemiAngle);
}

bool
MicroscopeParameters::HasConvergenceSemiAngle() const
{
  return m_HasConvergenceSemiAngle;
}

double
MicroscopeParameters::GetConvergenceSemiAngleInRadians() const
{
  return 1e-3 * this->GetConvergenceSemiAngle();
}

void
MicroscopeParameters::SetCollectionSemiAngle(double milliradians)
{
  CheckValue(EMMetaDataKeys::CollectionSemiAngle, milliradians, false);
  m_CollectionSemiAngle = milliradians;
  m_HasCollectionSemiAngle = true;
}

double
MicroscopeParameters::GetCollectionSemiAngle() const
{
  return RequireValue(EMMetaDataKeys::CollectionSemiAngle, m_CollectionSemiAngle, m_HasCollectionSemiAngle);
}

bool
MicroscopeParameters::HasCollectionSemiAngle() const
{
  return m_HasCollectionSemiAngle;
}

double
MicroscopeParameters::GetCollectionSemiAngleInRadians() const
{
  return 1e-3 * this->GetCollectionSemiAngle();
}

bool
MicroscopeParameters::operator==(const MicroscopeParameters & other) const
{
  return m_HasBeamEnergy == other.m_HasBeamEnergy && m_HasConvergenceSemiAngle == other.m_HasConvergenceSemiAngle &&
         m_HasCollectionSemiAngle == other.m_HasCollectionSemiAngle &&
         (!m_HasBeamEnergy || m_BeamEnergy == other.m_BeamEnergy) &&
         (!m_HasConvergenceSemiAngle || m_ConvergenceSemiAngle == other.m_ConvergenceSemiAngle) &&
         (!m_HasCollectionSemiAngle || m_CollectionSemiAngle == other.m_CollectionSemiAngle);
}

void
MicroscopeParameters::WriteTo(MetaDataDictionary & dictionary) const
{
  if (m_HasBeamEnergy)
  {
    EMMetaData::SetDouble(dictionary, EMMetaDataKeys::BeamEnergy, m_BeamEnergy);
  }
  if (m_HasConvergenceSemiAngle)
  {
    EMMetaData::SetDouble(dictionary, EMMetaDataKeys::ConvergenceSemiAngle, m_ConvergenceSemiAngle);
  }
  if (m_HasCollectionSemiAngle)
  {
    EMMetaData::SetDouble(dictionary, EMMetaDataKeys::CollectionSemiAngle, m_CollectionSemiAngle);
  }
}

MicroscopeParameters
MicroscopeParameters::ReadFrom(const MetaDataDictionary & dictionary)
{
  MicroscopeParameters parameters;
  if (EMMetaData::Has(dictionary, EMMetaDataKeys::BeamEnergy))
  {
    parameters.SetBeamEnergy(EMMetaData::GetDouble(dictionary, EMMetaDataKeys::BeamEnergy));
  }
  if (EMMetaData::Has(dictionary, EMMetaDataKeys::ConvergenceSemiAngle))
  {
    parameters.SetConvergenceSemiAngle(EMMetaData::GetDouble(dictionary, EMMetaDataKeys::ConvergenceSemiAngle));
  }
  if (EMMetaData::Has(dictionary, EMMetaDataKeys::CollectionSemiAngle))
  {
    parameters.SetCollectionSemiAngle(EMMetaData::GetDouble(dictionary, EMMetaDataKeys::CollectionSemiAngle));
  }
  return parameters;
}

std::ostream &
operator<<(std::ostream & os, const MicroscopeParameters & parameters)
{
  os << "MicroscopeParameters(";
  const auto print = [&os](const char * name, bool isSet, double value, const char * unit) {
    os << name << ' ';
    if (isSet)
    {
      os << value << ' ' << unit;
    }
    else
    {
      os << "unset";
    }
  };
  print("beam", parameters.HasBeamEnergy(), parameters.HasBeamEnergy() ? parameters.GetBeamEnergy() : 0.0, "kV");
  os << ", ";
  print("alpha",
        parameters.HasConvergenceSemiAngle(),
        parameters.HasConvergenceSemiAngle() ? parameters.GetConvergenceSemiAngle() : 0.0,
        "mrad");
  os << ", ";
  print("beta",
        parameters.HasCollectionSemiAngle(),
        parameters.HasCollectionSemiAngle() ? parameters.GetCollectionSemiAngle() : 0.0,
        "mrad");
  os << ')';
  return os;
}
} // end namespace itk
