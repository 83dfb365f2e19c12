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
#ifndef itkBrukerBCFHeader_h
#define itkBrukerBCFHeader_h

#include "itkIntTypes.h"

#include <string>
#include <vector>

namespace itk
{
/** What BrukerBCFImageIO needs of a .bcf's EDSDatabase/HeaderData, an XML text (Windows-1252;
 * numbers may have a decimal comma). Private to BrukerBCFImageIO. */
struct BrukerBCFHeader
{
  struct Image
  {
    std::string   Name;
    SizeValueType Width{ 0 }, Height{ 0 };
    unsigned int  BytesPerPixel{ 2 };
    std::string   Data; // Width x Height values, little-endian
  };
  struct Map
  {
    unsigned int  Index{ 0 }; // of EDSDatabase/SpectrumData<Index>
    SizeValueType Channels{ 0 };
    double        Offset{ 0.0 }, Dispersion{ 0.0 }; // keV
    double        ElevationAngle{ 0.0 };            // degrees; NaN when absent
  };

  std::string              Name;
  double                   BeamEnergy{ 0.0 };            // kV; 0 when absent
  double                   PixelWidth{ 0.0 }, PixelHeight{ 0.0 }; // µm; 0 when uncalibrated
  SizeValueType            Width{ 0 }, Height{ 0 };       // of the scan (the main image)
  std::vector<Image>       Images;                        // planes with a value other than 0
  std::vector<Map>         Maps;
  std::vector<std::string> Elements;                      // element selection, with lines
  std::vector<std::string> Lines;                         // "Fe_Ka", one per element

  /** Parses \a xml (of \a path, for messages); \a maps are the SpectrumData indexes present. */
  static BrukerBCFHeader
  Parse(const std::string & xml, const std::vector<unsigned int> & maps, const std::string & path);
};
} // end namespace itk

#endif
