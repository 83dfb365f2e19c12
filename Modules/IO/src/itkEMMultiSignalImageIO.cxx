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
#include "itkEMMultiSignalImageIO.h"

#include "itkEMImageFiles.h"

namespace itk
{
ImageIORegion
EMMultiSignalImageIO::GenerateStreamableReadRegionFromRequestedRegion(const ImageIORegion & requested) const
{
  const unsigned int dimensions = this->GetNumberOfDimensions();
  ImageIORegion      region(dimensions);
  for (unsigned int d = 0; d < dimensions; ++d)
  {
    const bool whole =
      d == 0 || !this->ReadsByRows() || !this->GetUseStreamedReading() || d >= requested.GetImageDimension();
    region.SetIndex(d, whole ? 0 : requested.GetIndex(d));
    region.SetSize(d, whole ? this->GetDimensions(d) : requested.GetSize(d));
  }
  return region;
}

unsigned int
EMMultiSignalImageIO::SelectSignal(const std::vector<std::string> & names) const
{
  if (!m_SignalName.empty())
  {
    for (size_t s = 0; s < names.size(); ++s)
    {
      if (EMImageFiles::SameName(names[s], m_SignalName))
      {
        return static_cast<unsigned int>(s);
      }
    }
    itkExceptionMacro(<< this->GetNameOfClass() << ": " << this->GetFileName() << ": no signal named " << m_SignalName);
  }
  if (m_SignalIndex >= names.size())
  {
    itkExceptionMacro(<< this->GetNameOfClass() << ": " << this->GetFileName() << ": signal " << m_SignalIndex
                      << " requested, the file has " << names.size());
  }
  return m_SignalIndex;
}

void
EMMultiSignalImageIO::CheckRowRegion(const ImageIORegion & region) const
{
  bool inside = region.GetImageDimension() == this->GetNumberOfDimensions() && region.GetIndex(0) == 0 &&
                region.GetSize(0) == this->GetDimensions(0);
  for (unsigned int d = 1; inside && d < region.GetImageDimension(); ++d)
  {
    inside = region.GetIndex(d) >= 0 &&
             static_cast<SizeValueType>(region.GetIndex(d)) + region.GetSize(d) <= this->GetDimensions(d);
  }
  if (!inside)
  {
    itkExceptionMacro(<< this->GetNameOfClass() << ": " << this->GetFileName()
                      << ": signals are read by whole rows inside the image");
  }
}

void
EMMultiSignalImageIO::Write(const void *)
{
  itkExceptionMacro(<< this->GetNameOfClass() << " does not write files");
}

void
EMMultiSignalImageIO::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "SignalIndex: " << m_SignalIndex << std::endl;
  os << indent << "SignalName: " << m_SignalName << std::endl;
  os << indent << "Signals: " << m_Signals.size() << std::endl;
  for (const auto & signal : m_Signals)
  {
    os << indent << "  " << signal << std::endl;
  }
}
} // end namespace itk
