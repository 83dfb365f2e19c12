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
#include "itkEMCLIImages.h"
#include "itkAnalyticalEMImageIOFactory.h"
#include "itkEMImageFiles.h"
#include "itkEELSEdgeTable.h"
#include "itkEMMetaData.h"
#include "itkEnergyAxis.h"
#include "itkImageIOFactory.h"
#include "itkOutputWindow.h"

#include <iostream>
#include <sstream>

namespace itk
{
namespace EMCLI
{
namespace
{
// Collects ITK's warnings while a writer runs, so that they are told apart from its error prints.
class CollectingOutputWindow : public OutputWindow
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(CollectingOutputWindow);
  using Self = CollectingOutputWindow;
  using Pointer = SmartPointer<Self>;
  itkNewMacro(Self);
  void
  DisplayText(const char * text) override
  {
    Text += text;
  }
  std::string Text;

protected:
  CollectingOutputWindow() = default;
  ~CollectingOutputWindow() override = default;
};
} // namespace

void
CheckedWrite(const std::function<void()> & write, const std::string & path)
{
  OutputWindow::Pointer previous = OutputWindow::GetInstance();
  auto                  warnings = CollectingOutputWindow::New();
  OutputWindow::SetInstance(warnings);
  std::ostringstream printed;
  std::streambuf *   standardError = std::cerr.rdbuf(printed.rdbuf());
  const auto         restore = [&] {
    std::cerr.rdbuf(standardError);
    OutputWindow::SetInstance(previous);
    std::cerr << warnings->Text;
  };
  try
  {
    write();
  }
  catch (...)
  {
    restore();
    throw;
  }
  restore();
  if (!printed.str().empty())
  {
    itkGenericExceptionMacro(<< "cannot write " << path << ": the writer failed (a full disk?): " << printed.str());
  }
}

ImageInfo
ReadImageInfo(const std::string & path)
{
  const ImageIOBase::Pointer io = EMImageFiles::CreateReader(path);
  EMImageFiles::CheckComplete(EMImageFiles::SplitSignal(path).File, *io);
  ImageInfo info;
  info.Dimension = io->GetNumberOfDimensions();
  info.Components = io->GetNumberOfComponents();
  info.SpatialDimension = info.Dimension;
  while (info.SpatialDimension > 2 && io->GetDimensions(info.SpatialDimension - 1) == 1)
  {
    --info.SpatialDimension;
  }
  return info;
}
void
ApplyEnergyAxisFlags(const CommandLine & cli, const std::string & name, MetaDataDictionary & dictionary)
{
  const double dispersion = cli.GetDouble(name + "Dispersion");
  if (dispersion > 0.0)
  {
    EnergyAxis(cli.GetDouble(name + "Offset"), dispersion, 1).WriteTo(dictionary);
  }
  else if (!EnergyAxis::IsDefinedIn(dictionary))
  {
    itkGenericExceptionMacro(<< cli.GetString(name) << " has no energy axis (" << EMMetaDataKeys::EnergyOffset << ", "
                             << EMMetaDataKeys::EnergyDispersion << "): give it with --" << name << "Offset and --"
                             << name << "Dispersion");
  }
}

std::vector<std::string>
ComponentElements(const MetaDataDictionary & dictionary, unsigned int components)
{
  std::vector<std::string> elements;
  if (EMMetaData::Has(dictionary, EMMetaDataKeys::Element))
  {
    std::istringstream stream(EMMetaData::GetString(dictionary, EMMetaDataKeys::Element));
    for (std::string element; stream >> element;)
    {
      elements.push_back(element);
    }
  }
  if (elements.size() != components)
  {
    elements.clear();
  }
  return elements;
}

void
LabelElementMap(MetaDataDictionary & dictionary, const std::string & element)
{
  EMMetaData::SetString(dictionary, EMMetaDataKeys::Element, element);
  EMMetaData::Erase(dictionary, EMMetaDataKeys::AtomicNumber);
  try
  {
    EMMetaData::SetDouble(dictionary, EMMetaDataKeys::AtomicNumber, EELSEdgeTable::GetAtomicNumber(element));
  }
  catch (const ExceptionObject &)
  {
    // Not an element symbol ("Fe-EELS", a phase name): the map keeps its name without a number.
  }
}

} // namespace EMCLI
} // end namespace itk
