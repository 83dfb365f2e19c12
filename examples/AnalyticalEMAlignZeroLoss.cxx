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
// Zero-loss alignment of a low-loss spectrum image (MetaImage VectorImage with its energy axis)
// and of its companions, e.g. the core loss of a dual acquisition.
//
//   AnalyticalEMAlignZeroLoss LOWLOSS.mha OUTPUT_FOLDER [--companion FILE.mha]...
//       [--method argmax|parabolic|modelfit|crosscorrelation] [--lorentzian]
//       [--shift roll|linear|cubic|fourier] [--range crop|zero|nan] [--window eV]
//
// Writes lowloss_aligned.mha, companion<i>_aligned.mha, shift_eV.mha (the input-axis energy of
// each pixel's zero loss) and invalid_mask.mha, and prints the zero-loss range, the number of
// pixels without a usable zero-loss peak and the time the alignment took.

#include "ExampleOutput.h"

#include "itkEELSAlignFilter.h"
#include "itkImageFileReader.h"
#include "itkImageFileWriter.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace
{
using SpectrumType = itk::VectorImage<float, 2>;
using FilterType = itk::EELSAlignFilter<SpectrumType>;

int
Usage(const std::string & message)
{
  std::cerr << "AnalyticalEMAlignZeroLoss: " << message
            << "\nusage: AnalyticalEMAlignZeroLoss LOWLOSS.mha OUTPUT_FOLDER [--companion FILE.mha]..."
               " [--method argmax|parabolic|modelfit|crosscorrelation] [--lorentzian]"
               " [--shift roll|linear|cubic|fourier] [--range crop|zero|nan] [--window eV]\n";
  return EXIT_FAILURE;
}

template <typename TEnum>
bool
Choose(const std::map<std::string, TEnum> & choices, const std::string & name, TEnum & value)
{
  const auto found = choices.find(name);
  if (found == choices.end())
  {
    return false;
  }
  value = found->second;
  return true;
}
} // namespace

int
main(int argc, char * argv[])
{
  if (argc < 3)
  {
    return Usage("a low-loss file and an output folder are needed");
  }
  const std::string        folder = argv[2];
  std::vector<std::string> companions;
  auto                     filter = FilterType::New();
  const std::map<std::string, itk::ZeroLossMethodEnum> methods{
    { "argmax", itk::ZeroLossMethodEnum::Argmax },
    { "parabolic", itk::ZeroLossMethodEnum::ParabolicArgmax },
    { "modelfit", itk::ZeroLossMethodEnum::ModelFit },
    { "crosscorrelation", itk::ZeroLossMethodEnum::CrossCorrelation }
  };
  const std::map<std::string, itk::SpectrumShiftEnum> shifts{ { "roll", itk::SpectrumShiftEnum::Roll },
                                                              { "linear", itk::SpectrumShiftEnum::Linear },
                                                              { "cubic", itk::SpectrumShiftEnum::Cubic },
                                                              { "fourier", itk::SpectrumShiftEnum::Fourier } };
  const std::map<std::string, itk::AlignedRangeEnum> ranges{ { "crop", itk::AlignedRangeEnum::Crop },
                                                             { "zero", itk::AlignedRangeEnum::PadZero },
                                                             { "nan", itk::AlignedRangeEnum::PadNaN } };
  for (int i = 3; i < argc; ++i)
  {
    const std::string option = argv[i];
    if (option == "--lorentzian")
    {
      filter->SetShape(itk::ZeroLossShapeEnum::Lorentzian);
      continue;
    }
    if (i + 1 >= argc)
    {
      return Usage("no value after " + option);
    }
    const std::string value = argv[++i];
    bool              ok = true;
    if (option == "--companion")
      companions.push_back(value);
    else if (option == "--method")
    {
      itk::ZeroLossMethodEnum method{};
      ok = Choose(methods, value, method);
      filter->SetMethod(method);
    }
    else if (option == "--shift")
    {
      itk::SpectrumShiftEnum shift{};
      ok = Choose(shifts, value, shift);
      filter->SetShift(shift);
    }
    else if (option == "--range")
    {
      itk::AlignedRangeEnum range{};
      ok = Choose(ranges, value, range);
      filter->SetRange(range);
    }
    else if (option == "--window")
    {
      double window = 0.0;
      ok = example::ParseNumber(value, window);
      filter->SetZeroLossWindow(window);
    }
    else
      ok = false;
    if (!ok)
    {
      return Usage("bad option or value: " + option + " " + value);
    }
  }
  try
  {
    filter->SetInput(itk::ReadImage<SpectrumType>(argv[1]));
    for (unsigned int c = 0; c < companions.size(); ++c)
    {
      filter->SetCompanion(c, itk::ReadImage<SpectrumType>(companions[c]));
    }
    const auto start = std::chrono::steady_clock::now();
    filter->Update();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!example::MakeFolder(folder))
    {
      return Usage("cannot create the folder " + folder);
    }
    itk::WriteImage(filter->GetOutput(0), folder + "/lowloss_aligned.mha");
    for (unsigned int c = 0; c < companions.size(); ++c)
    {
      itk::WriteImage(filter->GetOutput(c + 1), folder + "/companion" + std::to_string(c) + "_aligned.mha");
    }
    itk::WriteImage(filter->GetShiftMap(), folder + "/shift_eV.mha");
    itk::WriteImage(filter->GetInvalidMask(), folder + "/invalid_mask.mha");
    const auto & positions = filter->GetZeroLossChannels();
    double       lowest = 1e300, highest = -1e300;
    for (const double x : positions)
    {
      lowest = std::isfinite(x) ? std::min(lowest, x) : lowest;
      highest = std::isfinite(x) ? std::max(highest, x) : highest;
    }
    std::cout << "zero loss between channels " << lowest << " and " << highest << "; "
              << filter->GetNumberOfInvalidPixels() << " pixels without a usable zero-loss peak; "
              << filter->GetOutput(0)->GetNumberOfComponentsPerPixel() << " channels kept; alignment " << seconds
              << " s\nwritten to " << folder << std::endl;
  }
  catch (const itk::ExceptionObject & error)
  {
    std::string message = error.GetDescription();
    std::replace(message.begin(), message.end(), '\n', ' ');
    std::cerr << "AnalyticalEMAlignZeroLoss: " << message << std::endl;
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
