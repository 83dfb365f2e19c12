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
#include "itkBrukerHypermapDecoder.h"

#include "itkMacro.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace itk
{
namespace
{
constexpr size_t        MapHeader = 0x1A0;
constexpr size_t        RecordHeader = 22;
constexpr std::uint64_t LargestRecord = std::uint64_t(1) << 28;

// Little-endian unsigned value of \a bytes bytes (1 to 8).
std::uint64_t
Unsigned(const char * data, size_t bytes)
{
  std::uint64_t value = 0;
  for (size_t b = 0; b < bytes; ++b)
  {
    value |= std::uint64_t(static_cast<unsigned char>(data[b])) << (8 * b);
  }
  return value;
}
} // namespace

BrukerHypermapDecoder::BrukerHypermapDecoder(SizeValueType   width,
                                             SizeValueType   height,
                                             SizeValueType   channels,
                                             unsigned int    downsample,
                                             SizeValueType   firstRow,
                                             SizeValueType   rows,
                                             std::uint32_t * counts)
  : m_Width(width)
  , m_Height(height)
  , m_Channels(channels)
  , m_Downsample(std::max(1u, downsample))
  , m_FirstRow(firstRow)
  , m_Rows(rows)
  , m_Counts(counts)
{}

void
BrukerHypermapDecoder::Fail(const std::string & reason) const
{
  itkGenericExceptionMacro(<< "BrukerHypermapDecoder: line " << m_Line << ": " << reason);
}

bool
BrukerHypermapDecoder::IsComplete() const
{
  const SizeValueType needed = std::min(m_Height, (m_FirstRow + m_Rows) * m_Downsample);
  return m_Line >= needed;
}

bool
BrukerHypermapDecoder::Add(const char * data, size_t size)
{
  m_Pending.erase(0, m_Position);
  m_Position = 0;
  m_Pending.append(data, size);
  while (!this->IsComplete() && this->Step())
  {
  }
  return !this->IsComplete();
}

bool
BrukerHypermapDecoder::Step()
{
  const size_t available = m_Pending.size() - m_Position;
  const char * at = m_Pending.data() + m_Position;
  if (!m_HeaderRead)
  {
    if (available < MapHeader)
    {
      return false;
    }
    const auto height = static_cast<std::int32_t>(Unsigned(at, 4));
    const auto width = static_cast<std::int32_t>(Unsigned(at + 4, 4));
    if (height < 0 || width < 0 || static_cast<SizeValueType>(height) != m_Height ||
        static_cast<SizeValueType>(width) != m_Width)
    {
      this->Fail("the map is " + std::to_string(width) + " x " + std::to_string(height) + ", its header says " +
                 std::to_string(m_Width) + " x " + std::to_string(m_Height));
    }
    m_Position += MapHeader;
    m_HeaderRead = true;
    return true;
  }
  if (m_PixelsLeft < 0)
  {
    if (available < 4)
    {
      return false;
    }
    const auto pixels = static_cast<std::int32_t>(Unsigned(at, 4));
    if (pixels < 0 || static_cast<SizeValueType>(pixels) > m_Width)
    {
      this->Fail(std::to_string(pixels) + " pixel records in a line of " + std::to_string(m_Width));
    }
    m_Position += 4;
    m_PixelsLeft = pixels;
  }
  else
  {
    if (available < RecordHeader)
    {
      return false;
    }
    const std::uint64_t flag = Unsigned(at + 12, 2), pulses = Unsigned(at + 16, 2), dataBytes = Unsigned(at + 18, 4);
    std::uint64_t       bytes = RecordHeader + dataBytes;
    if (dataBytes > LargestRecord || (flag > 1 && dataBytes < 4))
    {
      this->Fail("a pixel record of " + std::to_string(dataBytes) + " bytes");
    }
    if (flag > 1 && pulses > 0)
    {
      // Single pulses follow the runs; their size is the last 4 bytes of the data.
      if (available < bytes)
      {
        return false;
      }
      const std::uint64_t extra = Unsigned(at + bytes - 4, 4);
      if (extra > LargestRecord)
      {
        this->Fail("a pixel record with " + std::to_string(extra) + " bytes of pulses");
      }
      bytes += extra;
    }
    if (available < bytes)
    {
      return false;
    }
    this->DecodePixel(at, static_cast<size_t>(bytes));
    m_Position += static_cast<size_t>(bytes);
    --m_PixelsLeft;
  }
  if (m_PixelsLeft == 0)
  {
    ++m_Line;
    m_PixelsLeft = -1;
  }
  return true;
}

void
BrukerHypermapDecoder::AddPulse(std::uint64_t channel)
{
  if (channel < m_PixelChannels)
  {
    ++m_Pixel[channel];
  }
  else
  {
    ++m_DroppedPulses;
  }
}

void
BrukerHypermapDecoder::DecodePixel(const char * record, size_t bytes)
{
  // The record's channels of the map (its pixel may have stored fewer: the rest are zero).
  const std::uint64_t x = Unsigned(record, 4), mapChannels = Unsigned(record + 4, 2);
  const std::uint64_t flag = Unsigned(record + 12, 2);
  const std::uint64_t pulses = Unsigned(record + 16, 2), dataBytes = Unsigned(record + 18, 4);
  if (x >= m_Width)
  {
    this->Fail("a pixel at x = " + std::to_string(x) + " in a map " + std::to_string(m_Width) + " wide");
  }
  const SizeValueType row = m_Line / m_Downsample;
  if (row < m_FirstRow || row >= m_FirstRow + m_Rows)
  {
    return; // a line the region does not include: only its length mattered
  }
  m_PixelChannels = std::min<SizeValueType>(mapChannels, m_Channels);
  m_Pixel.assign(m_PixelChannels, 0);
  const char * data = record + RecordHeader;
  if (flag == 0)
  {
    for (size_t p = 0; p + 2 <= dataBytes; p += 2)
    {
      this->AddPulse(Unsigned(data + p, 2));
    }
  }
  else if (flag == 1)
  {
    // Two 12-bit channels in three bytes of the data read with the bytes of each 16-bit word
    // swapped (s[j] = b[j ^ 1]): (s0 << 4 | s1 >> 4) and ((s1 & 15) << 8 | s2).
    const auto swapped = [&](std::uint64_t j) {
      if ((j ^ 1) >= dataBytes)
      {
        this->Fail("12-bit pulses beyond their record");
      }
      return static_cast<std::uint64_t>(static_cast<unsigned char>(data[j ^ 1]));
    };
    for (std::uint64_t p = 0; p < pulses; ++p)
    {
      const std::uint64_t j = 3 * (p / 2);
      this->AddPulse(p % 2 == 0 ? (swapped(j) << 4 | swapped(j + 1) >> 4) : ((swapped(j + 1) & 15) << 8 | swapped(j + 2)));
    }
  }
  else
  {
    // Runs: (value bytes, channels), an offset of that many bytes, then the channels' values.
    const char *  end = data + dataBytes - 4;
    std::uint64_t channel = 0;
    for (const char * at = data; at < end;)
    {
      if (end - at < 2)
      {
        this->Fail("a run header beyond its record");
      }
      const auto size = static_cast<unsigned char>(at[0]);
      const auto count = static_cast<unsigned char>(at[1]);
      at += 2;
      if (size == 0)
      {
        channel += count;
        continue;
      }
      if (size != 1 && size != 2 && size != 4 && size != 8)
      {
        this->Fail("a run of " + std::to_string(size) + "-byte values");
      }
      const size_t valueBytes = size == 1 ? (count + 1) / 2 : count * (size / 2);
      if (static_cast<size_t>(end - at) < size + valueBytes)
      {
        this->Fail("a run beyond its record");
      }
      const std::uint64_t offset = Unsigned(at, size);
      at += size;
      for (unsigned int c = 0; c < count; ++c, ++channel)
      {
        const std::uint64_t value =
          size == 1 ? (static_cast<unsigned char>(at[c / 2]) >> (4 * (c % 2))) & 15 : Unsigned(at + c * (size / 2), size / 2);
        if (channel < m_PixelChannels)
        {
          m_Pixel[channel] += value + offset;
        }
      }
      at += valueBytes;
    }
    if (pulses > 0)
    {
      const std::uint64_t extra = Unsigned(data + dataBytes - 4, 4);
      if (extra < 2 * pulses || RecordHeader + dataBytes + extra > bytes)
      {
        this->Fail("single pulses beyond their record");
      }
      for (std::uint64_t p = 0; p < pulses; ++p)
      {
        this->AddPulse(Unsigned(data + dataBytes + 2 * p, 2));
      }
    }
  }
  const SizeValueType outputWidth = (m_Width + m_Downsample - 1) / m_Downsample;
  std::uint32_t *     target = m_Counts + ((row - m_FirstRow) * outputWidth + x / m_Downsample) * m_Channels;
  for (SizeValueType c = 0; c < m_PixelChannels; ++c)
  {
    const std::uint64_t sum = target[c] + m_Pixel[c];
    target[c] = static_cast<std::uint32_t>(std::min<std::uint64_t>(sum, std::numeric_limits<std::uint32_t>::max()));
  }
}
} // end namespace itk
