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
#include "itkVeloxEMDImageIO.h"

#include "itkEMHDF5Reading.h"
#include "itkVeloxEMDReading.h"
#include "itkVeloxSpectrumStreamDecoder.h"

#include "itksys/SystemTools.hxx"

#include <cstring>
#include <functional>
#include <sstream>

namespace itk
{
namespace
{
// Receives the streams of a spectrum image (VeloxEMDReading::SendData): records and values may
// arrive split anywhere, and every field is checked, as the sender is not trusted.
class StreamReceiver
{
public:
  StreamReceiver(VeloxSpectrumStreamDecoder & decoder,
                 SizeValueType                lastFrame,
                 const std::string &          what,
                 std::function<void()>        prepare)
    : m_Decoder(decoder)
    , m_LastFrame(lastFrame)
    , m_What(what)
    , m_Prepare(std::move(prepare))
  {}

  void
  operator()(const char * data, size_t size)
  {
    if (m_Prepare)
    {
      m_Prepare();
      m_Prepare = nullptr;
    }
    while (size > 0)
    {
      const size_t used = m_Remaining == 0 ? this->TakeRecord(data, size) : this->TakeValues(data, size);
      data += used;
      size -= used;
    }
  }

  bool
  Complete() const
  {
    return m_Remaining == 0 && m_Pending.empty() && m_Records > 0;
  }

private:
  size_t
  TakeRecord(const char * data, size_t size)
  {
    const size_t used = std::min(size, sizeof(VeloxEMDReading::StreamRecord) - m_Pending.size());
    m_Pending.append(data, used);
    if (m_Pending.size() == sizeof(VeloxEMDReading::StreamRecord))
    {
      VeloxEMDReading::StreamRecord record;
      std::memcpy(&record, m_Pending.data(), sizeof(record));
      m_Pending.clear();
      if ((record.Width != 2 && record.Width != 4) || record.Count > (std::uint64_t(1) << 48) ||
          record.FirstFrame > m_LastFrame)
      {
        itkGenericExceptionMacro(<< m_What << ": the reader process sent a malformed stream record");
      }
      m_Width = record.Width;
      m_Remaining = record.Count;
      m_Decoder.Restart(record.FirstFrame);
      ++m_Records;
    }
    return used;
  }

  size_t
  TakeValues(const char * data, size_t size)
  {
    size_t used = 0;
    if (!m_Pending.empty())
    {
      // Complete a value split between two pieces.
      used = std::min(size, m_Width - m_Pending.size());
      m_Pending.append(data, used);
      if (m_Pending.size() == m_Width)
      {
        this->Decode(m_Pending.data(), 1);
        m_Pending.clear();
      }
      return used;
    }
    const SizeValueType whole = std::min<SizeValueType>(m_Remaining, size / m_Width);
    if (whole == 0)
    {
      m_Pending.assign(data, size);
      return size;
    }
    this->Decode(data, whole);
    return whole * m_Width;
  }

  void
  Decode(const char * data, SizeValueType count)
  {
    // The bytes may be unaligned: copy them into values first.
    constexpr SizeValueType batch = 1 << 16;
    for (SizeValueType done = 0; done < count; done += batch)
    {
      const SizeValueType n = std::min(batch, count - done);
      if (m_Width == 2)
      {
        m_Values16.resize(n);
        std::memcpy(m_Values16.data(), data + done * 2, n * 2);
        m_Decoder.Add(m_Values16.data(), n);
      }
      else
      {
        m_Values32.resize(n);
        std::memcpy(m_Values32.data(), data + done * 4, n * 4);
        m_Decoder.Add(m_Values32.data(), n);
      }
    }
    m_Remaining -= count;
  }

  VeloxSpectrumStreamDecoder & m_Decoder;
  SizeValueType                m_LastFrame;
  const std::string &          m_What;
  std::function<void()>        m_Prepare; // before the first value
  std::string                  m_Pending;
  size_t                       m_Width{ 2 };
  std::uint64_t                m_Remaining{ 0 };
  SizeValueType                m_Records{ 0 };
  std::vector<std::uint16_t>   m_Values16;
  std::vector<std::uint32_t>   m_Values32;
};
} // namespace

VeloxEMDImageIO::VeloxEMDImageIO()
{
  for (const char * extension : { ".emd", ".EMD" })
  {
    this->AddSupportedReadExtension(extension);
  }
}

bool
VeloxEMDImageIO::CanReadFile(const char * fileName)
{
  const std::string path = fileName;
  if (!EMHDF5Reading::HasHDF5Signature(path))
  {
    return false;
  }
  // An HDF5 file named .emd that the library cannot open, or that is not Velox's, is claimed, so
  // that ReadImageInformation says which (not "no reader").
  const std::string extension = itksys::SystemTools::GetFilenameLastExtension(path);
  const bool        namedEMD = extension == ".emd" || extension == ".EMD";
  bool              velox = false;
  try
  {
    EMChildProcess::Run(
      [&](EMChildProcess::Channel & channel)
      {
        const char answer = VeloxEMDReading::IsVelox(path) ? 1 : 0;
        channel.Send(&answer, 1);
      },
      [&](const char * data, size_t size) { velox = size == 1 && data[0] == 1; },
      "VeloxEMDImageIO: " + path);
  }
  catch (const ExceptionObject &)
  {
  }
  return velox || namedEMD;
}

void
VeloxEMDImageIO::ReadImageInformation()
{
  const std::string               name = this->GetFileName();
  const VeloxEMDReading::Selection selection{ this->GetSignalIndex(), this->GetSignalName(), m_FirstFrame, m_LastFrame };
  const EMHDF5Reading::Header      header = EMHDF5Reading::ReadInChildProcess(
    [&]() { return VeloxEMDReading::ReadHeader(name, selection); }, "VeloxEMDImageIO: reading " + name);
  if (!header.Warning.empty())
  {
    itkWarningMacro(<< name << ": " << header.Warning);
  }
  if (header.DataPath != "image" && header.DataPath != "spectrum" && header.DataPath != "stream" &&
      header.DataPath != "eels")
  {
    itkExceptionMacro(<< "VeloxEMDImageIO: " << name << ": the reader process sent a malformed header");
  }
  this->SetSignals(header.Signals);
  m_Kind = header.DataPath;
  EMHDF5Reading::ApplyTo(header, *this);
  m_FrameEnd = 0;
  for (const auto & [key, value] : header.Entries)
  {
    if (key == "Frames")
    {
      std::istringstream frames(value);
      SizeValueType      first = 0;
      frames >> first >> m_FrameEnd;
    }
  }
  if (m_Kind == "stream" && m_FrameEnd == 0)
  {
    itkExceptionMacro(<< "VeloxEMDImageIO: " << name << ": the reader process sent a malformed header");
  }
}

void
VeloxEMDImageIO::Read(void * buffer)
{
  const std::string name = this->GetFileName();
  if (m_Kind == "stream")
  {
    this->ReadSpectrumImage(buffer);
    return;
  }
  const ImageIORegion              region = m_IORegion;
  const VeloxEMDReading::Selection selection{ this->GetSignalIndex(), this->GetSignalName(), m_FirstFrame, m_LastFrame };
  SizeValueType                    expected = this->GetComponentSize() * this->GetNumberOfComponents();
  for (unsigned int d = 0; d < region.GetImageDimension(); ++d)
  {
    expected *= region.GetSize(d);
  }
  SizeValueType                           received = 0;
  const EMChildProcess::NotSharedWithChild notShared(buffer, expected);
  EMChildProcess::Run(
    [&](EMChildProcess::Channel & channel) { VeloxEMDReading::SendData(name, selection, region, channel); },
    [&](const char * data, size_t size)
    {
      if (size > expected - received)
      {
        itkExceptionMacro(<< "VeloxEMDImageIO: " << name << ": more data than the header declares");
      }
      std::memcpy(static_cast<char *>(buffer) + received, data, size);
      received += size;
    },
    "VeloxEMDImageIO: reading " + name);
  if (received != expected)
  {
    itkExceptionMacro(<< "VeloxEMDImageIO: " << name << ": " << received << " of " << expected << " bytes of data read");
  }
}

void
VeloxEMDImageIO::ReadSpectrumImage(void * buffer)
{
  const std::string                name = this->GetFileName();
  const ImageIORegion              region = m_IORegion;
  const VeloxEMDReading::Selection selection{ this->GetSignalIndex(), this->GetSignalName(), m_FirstFrame, m_LastFrame };
  const SizeValueType              width = this->GetDimensions(0), height = this->GetDimensions(1);
  const SizeValueType              channels = this->GetNumberOfComponents();
  this->CheckRowRegion(region);
  // The header records the frames read ("first last"); events past the last frame (a partial
  // frame after the recorded ones) are not counted.
  const SizeValueType lastFrame = m_FrameEnd;
  auto * counts = static_cast<std::uint32_t *>(buffer);
  VeloxSpectrumStreamDecoder decoder(
    width, height, channels, m_FirstFrame, lastFrame, region.GetIndex(1), region.GetSize(1), counts);
  const std::string what = "VeloxEMDImageIO: reading " + name;
  // The counts are zeroed once the reader process runs.
  const SizeValueType values = region.GetSize(1) * width * channels;
  StreamReceiver      receiver(decoder, lastFrame, what, [&]() { std::fill(counts, counts + values, 0u); });
  const EMChildProcess::NotSharedWithChild notShared(buffer, values * sizeof(std::uint32_t));
  EMChildProcess::Run(
    [&](EMChildProcess::Channel & channel) { VeloxEMDReading::SendData(name, selection, region, channel); },
    std::ref(receiver),
    what);
  if (!receiver.Complete())
  {
    itkExceptionMacro(<< what << ": the spectrum streams ended early");
  }
  if (decoder.GetNumberOfInvalidEvents() > 0)
  {
    itkWarningMacro(<< name << ": " << decoder.GetNumberOfInvalidEvents()
                    << " events with a channel beyond the detector's " << channels << " were not counted");
  }
}

void
VeloxEMDImageIO::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "Frames: " << m_FirstFrame << " to " << (m_LastFrame == 0 ? std::string("last") : std::to_string(m_LastFrame))
     << std::endl;
}
} // end namespace itk
