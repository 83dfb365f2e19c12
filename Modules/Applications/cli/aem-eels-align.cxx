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
// aem-eels-align LOWLOSS ALIGNED [--coreLoss CL --alignedCoreLoss OUT] [--method ...]: see the XML.
#include "itkEELSAlignFilter.h"
#include "itkEELSEnumNames.h"
#include "itkEMCLIImages.h"

#include EM_CLI_XML_HEADER

int
main(int argc, char * argv[])
{
  return itk::EMCLI::CommandLine::Run(argc, argv, "aem-eels-align", ModuleDescriptionXML, [](itk::EMCLI::CommandLine & cli) {
    using SpectrumType = itk::VectorImage<float, 2>;
    using FilterType = itk::EELSAlignFilter<SpectrumType>;
    if (cli.IsSet("alignedCoreLoss") != cli.IsSet("coreLoss"))
    {
      itkGenericExceptionMacro(<< "--coreLoss and --alignedCoreLoss go together");
    }
    auto filter = FilterType::New();
    cli.GetProgress().Stage("reading", 0.0, 0.2);
    filter->SetInput(itk::EMCLI::ReadSpectrumImage<SpectrumType>(cli, "lowLoss"));
    if (cli.IsSet("coreLoss"))
    {
      filter->SetCompanion(0, itk::EMCLI::ReadSpectrumImage<SpectrumType>(cli, "coreLoss"));
    }
    filter->SetMethod(itk::EMEnumFromToken<itk::ZeroLossMethodEnum>(cli.GetString("method")));
    filter->SetShift(itk::EMEnumFromToken<itk::SpectrumShiftEnum>(cli.GetString("shift")));
    filter->SetRange(itk::EMEnumFromToken<itk::AlignedRangeEnum>(cli.GetString("range")));
    cli.GetProgress().Stage("alignment", 0.2, 0.8);
    cli.GetProgress().Observe(filter);
    filter->Update();
    cli.GetProgress().Stage("writing", 0.8, 1.0);
    itk::EMCLI::Write(cli, "alignedLowLoss", filter->GetOutput(0));
    if (cli.IsSet("coreLoss"))
    {
      itk::EMCLI::Write(cli, "alignedCoreLoss", filter->GetOutput(1));
    }
    if (cli.IsSet("shiftMap"))
    {
      itk::EMCLI::Write(cli, "shiftMap", filter->GetShiftMap());
    }
    cli.SetReturnParameter("invalidPixels", std::to_string(filter->GetNumberOfInvalidPixels()));
  });
}
