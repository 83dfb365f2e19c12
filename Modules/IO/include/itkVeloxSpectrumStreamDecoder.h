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
#ifndef itkVeloxSpectrumStreamDecoder_h
#define itkVeloxSpectrumStreamDecoder_h

#include "AnalyticalEMIOExport.h"
#include "itkIntTypes.h"

#include <cstdint>

namespace itk
{
/** \class VeloxSpectrumStreamDecoder
 * \brief Turns the event stream of a Velox EDS spectrum image into counts per pixel and channel.
 *
 * A stream holds one channel number per detected X-ray; the value 65535 closes a pixel. Pixels
 * follow the scan raster (x fastest), and after the last pixel of the scan the next frame
 * begins. The decoder adds one count per event of frames [firstFrame, lastFrame) and rows
 * [firstRow, firstRow + rows) to \a counts (rows x width x channels, channels fastest); events
 * of other frames and rows are skipped, events whose channel is out of range are counted in
 * GetNumberOfInvalidEvents() and not added. Values may arrive in pieces of any length.
 *
 * \ingroup AnalyticalEMIO
 */
class AnalyticalEMIO_EXPORT VeloxSpectrumStreamDecoder
{
public:
  static constexpr std::uint32_t PixelEnd = 65535;

  VeloxSpectrumStreamDecoder(SizeValueType   width,
                             SizeValueType   height,
                             SizeValueType   channels,
                             SizeValueType   firstFrame,
                             SizeValueType   lastFrame,
                             SizeValueType   firstRow,
                             SizeValueType   rows,
                             std::uint32_t * counts)
    : m_Width(width)
    , m_Height(height)
    , m_Channels(channels)
    , m_FirstFrame(firstFrame)
    , m_LastFrame(lastFrame)
    , m_FirstRow(firstRow)
    , m_Rows(rows)
    , m_Counts(counts)
  {}

  /** Starts a stream (the values of another detector, say) at the first pixel of frame \a frame. */
  void
  Restart(SizeValueType frame)
  {
    m_Frame = frame;
    m_Pixel = 0;
  }

  template <typename TValue>
  void
  Add(const TValue * values, SizeValueType count);

  SizeValueType
  GetNumberOfInvalidEvents() const
  {
    return m_InvalidEvents;
  }
  /** Frames begun so far (a partial last frame counts). */
  SizeValueType
  GetFrame() const
  {
    return m_Frame;
  }

private:
  SizeValueType   m_Width, m_Height, m_Channels, m_FirstFrame, m_LastFrame, m_FirstRow, m_Rows;
  std::uint32_t * m_Counts;
  SizeValueType   m_Frame{ 0 };
  SizeValueType   m_Pixel{ 0 };
  SizeValueType   m_InvalidEvents{ 0 };
};

template <typename TValue>
void
VeloxSpectrumStreamDecoder::Add(const TValue * values, SizeValueType count)
{
  const SizeValueType pixels = m_Width * m_Height;
  const SizeValueType begin = m_FirstRow * m_Width, end = (m_FirstRow + m_Rows) * m_Width;
  for (SizeValueType i = 0; i < count; ++i)
  {
    const auto value = static_cast<std::uint32_t>(values[i]);
    if (value == PixelEnd)
    {
      if (++m_Pixel == pixels)
      {
        m_Pixel = 0;
        ++m_Frame;
      }
      continue;
    }
    if (m_Frame < m_FirstFrame || m_Frame >= m_LastFrame || m_Pixel < begin || m_Pixel >= end)
    {
      continue;
    }
    if (value >= m_Channels)
    {
      ++m_InvalidEvents;
      continue;
    }
    ++m_Counts[(m_Pixel - begin) * m_Channels + value];
  }
}
} // end namespace itk

#endif
