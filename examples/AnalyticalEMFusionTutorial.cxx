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
// The fused multi-modal tutorial, step by step, on its own DyScO3 dataset:
//   AnalyticalEMFusionTutorial DATA_FOLDER OUTPUT_FOLDER
// DATA_FOLDER holds HAADF.mha, Sc.mha, Dy.mha and O.mha (the tutorial's PTO_Trilayer data, e.g.
// ../shared/data/fusion/PTO_Trilayer; exit code 77 when it is absent). Writes the raw and fused
// maps with their [70:130, 25:85] crops (.mha + .png), the cost curves (costs.csv) and, beyond the
// tutorial, the proximal-gradient fusion with automatically chosen parameters.
#include "ExampleOutput.h"

#include "itkAnalyticalEMImageIOFactory.h"
#include "itkExtractImageFilter.h"
#include "itkFusedMultiModalImageFilter.h"
#include "itkImageFileReader.h"

#include <cmath>
#include <iomanip>
#include <iostream>

namespace
{
using ImageType = itk::Image<float, 2>;
using FilterType = itk::FusedMultiModalImageFilter<ImageType>;

// The tutorial's crop [70:130, 25:85] (rows, columns).
ImageType::Pointer
Crop(const ImageType * image)
{
  auto extract = itk::ExtractImageFilter<ImageType, ImageType>::New();
  extract->SetInput(image);
  extract->SetExtractionRegion(ImageType::RegionType({ { 25, 70 } }, { { 60, 60 } }));
  extract->SetDirectionCollapseToIdentity();
  extract->Update();
  return extract->GetOutput();
}

} // namespace

int
main(int argc, char * argv[])
{
  if (argc != 3)
  {
    std::cerr << "usage: AnalyticalEMFusionTutorial DATA_FOLDER OUTPUT_FOLDER" << std::endl;
    return EXIT_FAILURE;
  }
  const std::string data = std::string(argv[1]) + "/";
  const std::string folder = argv[2];
  if (!itksys::SystemTools::FileExists(data + "HAADF.mha"))
  {
    std::cout << "The tutorial's data (HAADF.mha, Sc.mha, Dy.mha, O.mha) is not in " << data << ": skipped" << std::endl;
    return 77;
  }
  try
  {
    if (!example::MakeFolder(folder))
    {
      throw std::runtime_error("cannot create " + folder);
    }
    itk::AnalyticalEMImageIOFactory::RegisterOneFactory();
    // Step 2: load the elastic HAADF and the chemical maps; element names and atomic numbers.
    const std::vector<std::string> elements{ "Sc", "Dy", "O" };
    const std::vector<double>      weights{ 21, 66, 8 };
    const auto                     haadf = itk::ReadImage<ImageType>(data + "HAADF.mha");
    std::vector<ImageType::Pointer> maps;
    for (const auto & element : elements)
    {
      maps.push_back(itk::ReadImage<ImageType>(data + element + ".mha"));
    }
    // Step 3 (reshape, min-max normalise, summation matrix) and the optional plots of the raw
    // data: the filter normalises internally; the raw maps and crops are written for viewing.
    example::WriteImageAndPreview(haadf.GetPointer(), folder, "HAADF");
    example::WriteImageAndPreview(Crop(haadf).GetPointer(), folder, "HAADF_cropped");
    for (size_t e = 0; e < elements.size(); ++e)
    {
      example::WriteImageAndPreview(maps[e].GetPointer(), folder, "raw_" + elements[e]);
      example::WriteImageAndPreview(Crop(maps[e]).GetPointer(), folder, "raw_" + elements[e] + "_cropped");
    }
    // Step 4: the tutorial's weights (lambdaHAADF = 1/n is the filter's default).
    auto fusion = FilterType::New();
    fusion->SetMode(itk::FusionModeEnum::ReferenceCompatible);
    fusion->SetHAADF(haadf);
    for (unsigned int e = 0; e < elements.size(); ++e)
    {
      fusion->SetChemicalMap(e, maps[e]);
    }
    fusion->SetElementNames(elements);
    fusion->SetAtomicNumbers(weights);
    fusion->SetGamma(1.6);
    itk::FusionReferenceSettings settings; // the tutorial's parameters, which are also the defaults
    settings.SetLambdaChem(0.08);
    settings.SetLambdaTV(0.15);
    settings.SetIterations(30);
    settings.SetBackground(0.24);
    settings.SetRegularize(true);
    settings.SetTVIterations(3);
    fusion->SetReferenceSettings(settings);
    // Step 5: run the fused multi-modal algorithm.
    fusion->Update();
    // Step 6: assess convergence: the three cost curves should decay into a plateau.
    example::WriteCsv(folder + "/costs.csv", { "iteration", "costHAADF", "costChem", "costTV" },
                      { fusion->GetCostIterations(), fusion->GetCostHAADF(), fusion->GetCostChem(), fusion->GetCostTV() });
    const auto & haadfCost = fusion->GetCostHAADF();
    std::cout << std::setprecision(4) << "HAADF cost: iteration 1 " << haadfCost.front() << ", 10 " << haadfCost[9]
              << ", 30 " << haadfCost.back() << " (costs.csv has all three curves)" << std::endl;
    // Step 7: the fused maps and their crops, compared with the published crops when present.
    for (unsigned int e = 0; e < elements.size(); ++e)
    {
      const auto cropped = Crop(fusion->GetOutput(e));
      example::WriteImageAndPreview(fusion->GetOutput(e), folder, "fused_" + elements[e]);
      example::WriteImageAndPreview(cropped.GetPointer(), folder, "fused_" + elements[e] + "_cropped");
      const std::string published = data + "published_crops/fused_images/" + elements[e] + ".mha";
      if (itksys::SystemTools::FileExists(published))
      {
        std::cout << elements[e] << ": Pearson r with the published fused crop "
                  << example::Pearson(cropped->GetBufferPointer(), itk::ReadImage<ImageType>(published)->GetBufferPointer(), 3600)
                  << std::endl;
      }
    }
    // Beyond the tutorial: the proximal-gradient solver, parameters chosen by count splitting.
    auto automatic = FilterType::New();
    automatic->SetHAADF(haadf);
    for (unsigned int e = 0; e < elements.size(); ++e)
    {
      automatic->SetChemicalMap(e, maps[e]);
    }
    automatic->SetElementNames(elements);
    automatic->SetAtomicNumbers(weights);
    automatic->Update();
    std::cout << "Proximal gradient, automatic parameters (" << automatic->GetNumberOfIterationsPerformed()
              << " iterations): lambda";
    for (unsigned int e = 0; e < elements.size(); ++e)
    {
      std::cout << " " << elements[e] << " " << automatic->GetSelectedLambdaTV()[e];
      example::WriteImageAndPreview(automatic->GetOutput(e), folder, "proximal_" + elements[e]);
    }
    std::cout << "\nResults written to " << folder << "/" << std::endl;
  }
  catch (const std::exception & error)
  {
    std::cerr << "AnalyticalEMFusionTutorial: " << error.what() << std::endl;
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
