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
#ifndef itkMicroscopeParameters_h
#define itkMicroscopeParameters_h

#include "AnalyticalEMCoreExport.h"
#include "itkMetaDataDictionary.h"

#include <iosfwd>

namespace itk
{
/** \class MicroscopeParameters
 * \brief Acquisition parameters of a spectrum image: beam energy and the convergence and
 * collection semi-angles.
 *
 * Stored in microscopists' units (kV for the beam, mrad for the angles) under the dictionary
 * keys BeamEnergy, ConvergenceSemiAngle and CollectionSemiAngle. The physics code works in volts
 * and radians; the SI getters convert. A parameter that was never set reports Has...() == false
 * and its getter throws, so a missing value is never silently taken as zero.
 *
 * \ingroup AnalyticalEMCore
 */
class AnalyticalEMCore_EXPORT MicroscopeParameters
{
public:
  /** Acceleration voltage in kV; must be finite and > 0. */
  void
  SetBeamEnergy(double kiloVolts);
  double
  GetBeamEnergy() const;
  bool
  HasBeamEnergy() const;
  /** Acceleration voltage in volts. */
  double
  GetBeamVoltage() const;

  /** Convergence semi-angle alpha in mrad; must be finite and >= 0. */
  void
  SetConvergenceSemiAngle(double milliradians);
  double
  GetConvergenceSemiAngle() const;
  bool
  HasConvergenceSemiAngle() const;
  double
  GetConvergenceSemiAngleInRadians() const;

  /** Collection semi-angle beta in mrad; must be finite and > 0. */
  void
  SetCollectionSemiAngle(double milliradians);
  double
  GetCollectionSemiAngle() const;
  bool
  HasCollectionSemiAngle() const;
  double
  GetCollectionSemiAngleInRadians() const;

  bool
  operator==(const MicroscopeParameters & other) const;

  /** Writes the parameters that are set; leaves the others untouched. */
  void
  WriteTo(MetaDataDictionary & dictionary) const;

  /** Reads whichever of the three keys are present; throws on an invalid value. */
  static MicroscopeParameters
  ReadFrom(const MetaDataDictionary & dictionary);

private:
  double m_BeamEnergy{ 0.0 };
  double m_ConvergenceSemiAngle{ 0.0 };
  double m_CollectionSemiAngle{ 0.0 };
  bool   m_HasBeamEnergy{ false };
  bool   m_HasConvergenceSemiAngle{ false };
  bool   m_HasCollectionSemiAngle{ false };
};

AnalyticalEMCore_EXPORT std::ostream &
operator<<(std::ostream & os, const MicroscopeParameters & parameters);
} // end namespace itk

#endif
