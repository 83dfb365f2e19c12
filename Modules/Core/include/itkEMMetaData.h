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
#ifndef itkEMMetaData_h
#define itkEMMetaData_h

#include "AnalyticalEMCoreExport.h"
#include "itkMetaDataDictionary.h"

#include <string>

namespace itk
{
/** \brief Dictionary keys shared by every reader, writer and filter of ITKAnalyticalEM.
 *
 * Values are stored as strings so that they survive MetaImage and NRRD round trips (MetaImage
 * reads every custom field back as a string; NRRD writes only string values).
 *
 * \ingroup AnalyticalEMCore
 */
namespace EMMetaDataKeys
{
constexpr const char * SignalType = "SignalType";
constexpr const char * EnergyOffset = "EnergyOffset";
constexpr const char * EnergyDispersion = "EnergyDispersion";
constexpr const char * EnergyUnits = "EnergyUnits";
constexpr const char * BeamEnergy = "BeamEnergy";
constexpr const char * ConvergenceSemiAngle = "ConvergenceSemiAngle";
constexpr const char * CollectionSemiAngle = "CollectionSemiAngle";
constexpr const char * Element = "Element";
constexpr const char * AtomicNumber = "AtomicNumber";
/** Units of a map's values (a spectrum image's are counts). */
constexpr const char * Units = "Units";
} // namespace EMMetaDataKeys

/** \brief Typed access to the string-valued entries of a MetaDataDictionary.
 * \ingroup AnalyticalEMCore
 */
namespace EMMetaData
{
/** Shortest decimal text that reads back to exactly the same double. */
AnalyticalEMCore_EXPORT std::string
FormatDouble(double value);

/** Parses the whole of \a text (surrounding blanks allowed) as a double; throws on anything else. */
AnalyticalEMCore_EXPORT double
ParseDouble(const std::string & text, const std::string & key);

AnalyticalEMCore_EXPORT bool
Has(const MetaDataDictionary & dictionary, const std::string & key);

/** Reads a numeric entry stored as a string (or as a double/float/int). Throws if absent or unparsable. */
AnalyticalEMCore_EXPORT double
GetDouble(const MetaDataDictionary & dictionary, const std::string & key);

/** Reads a string entry; throws if absent or not a string. */
AnalyticalEMCore_EXPORT std::string
GetString(const MetaDataDictionary & dictionary, const std::string & key);

AnalyticalEMCore_EXPORT void
SetDouble(MetaDataDictionary & dictionary, const std::string & key, double value);

AnalyticalEMCore_EXPORT void
SetString(MetaDataDictionary & dictionary, const std::string & key, const std::string & value);

/** Removes the entry if present. */
AnalyticalEMCore_EXPORT void
Erase(MetaDataDictionary & dictionary, const std::string & key);
} // namespace EMMetaData
} // end namespace itk

#endif
