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
#ifndef itkBrukerHypermapDecoder_h
#define itkBrukerHypermapDecoder_h

#include "AnalyticalEMIOExport.h"
#include "itkIntTypes.h"

#include <cstdint>
#include <string>
#include <vector>

namespace itk
{
/** \class BrukerHypermapDecoder
 * \brief Turns the pixel records of a Bruker hypermap (a .bcf's SpectrumData) into counts per
 * pixel and channel.
 *
 * The hypermap starts with a 0x1A0-byte header (height and width, 32-bit, first); then each line
 * holds its number of pixel records and the records. A record is a 22-byte header (x, the
 * channels of the map and of the pixel, a packing flag, the number of pulses, the size of its
 * data) and its data, in one of three packings: 0, one 16-bit channel number per pulse; 1, 12-bit
 * channel numbers packed two in three bytes; more, runs of channels each stored as an offset and
 * values of 4, 8, 16 or 32 bits, then single pulses added as 16-bit channel numbers.
 *
 * Counts are added to \a counts, (rows x ceil(width / downsample) x channels), for the output
 * rows [firstRow, firstRow + rows) of the map reduced by \a downsample (the pixels of each
 * downsample x downsample block summed), and channels below \a channels (the map's channels or
 * fewer: a cut-off). Pulses in channels beyond a pixel's declared channels, or the cut-off, are
 * not counted (GetNumberOfDroppedPulses()). Bytes may arrive in pieces of any length; a record
 * that contradicts the map (x beyond the width, sizes that do not add up) throws
 * itk::ExceptionObject.
 *
 * \ingroup AnalyticalEMIO
 */
class AnalyticalEMIO_EXPORT BrukerHypermapDecoder
{
public:
  BrukerHypermapDecoder(SizeValueType   width,
                        SizeValueType   height,
                        SizeValueType   channels,
                        unsigned int    downsample,
                        SizeValueType   firstRow,
                        SizeValueType   rows,
                        std::uint32_t * counts);

  /** Decodes the bytes that follow those given so far. Returns false once the rows asked for
   * are complete (the rest of the map need not be read). */
  bool
  Add(const char * data, size_t size);

  /** Whether every line the rows asked for depend on was decoded. */
  bool
  IsComplete() const;

  SizeValueType
  GetNumberOfDroppedPulses() const
  {
    return m_DroppedPulses;
  }

private:
  // Decodes what m_Pending holds from m_Position on; false when more bytes are needed.
  bool
  Step();
  void
  DecodePixel(const char * record, size_t bytes);
  void
  AddPulse(std::uint64_t channel);
  [[noreturn]] void
  Fail(const std::string & reason) const;

  SizeValueType   m_Width, m_Height, m_Channels;
  unsigned int    m_Downsample;
  SizeValueType   m_FirstRow, m_Rows;
  std::uint32_t * m_Counts;
  std::string     m_Pending;
  size_t          m_Position{ 0 };
  bool            m_HeaderRead{ false };
  SizeValueType   m_Line{ 0 };
  std::int64_t    m_PixelsLeft{ -1 }; // records left in the line; -1 before its count
  SizeValueType   m_DroppedPulses{ 0 };
  // The pixel being decoded: its channels' counts, then added to the output.
  std::vector<std::uint64_t> m_Pixel;
  SizeValueType              m_PixelChannels{ 0 };
};
} // end namespace itk

#endif
