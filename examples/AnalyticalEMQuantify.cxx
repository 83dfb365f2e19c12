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
// Model-based quantification of a core-loss spectrum image (MetaImage VectorImage with its energy
// axis and microscope parameters), optionally with its low loss for multiple scattering.
//
//   AnalyticalEMQuantify CORELOSS.mha OUTPUT_FOLDER [--lowloss LOWLOSS.mha] [--edges C:K,N:K,...]
//       [--fitter ols|wls|ml] [--exponents 1,2,3,4,5,6] [--window FROM TO] [--exclude FROM TO]...
//       [--nonnegative] [--convexity necessary|sufficient] [--model]
//
// Writes, per edge E, E_abundance.mha, E_crlb.mha and E_atpercent.mha (+ .png), and
// background_<k>.mha, chi2.mha, deviance.mha, invalid_mask.mha, with --model model.mha and
// residual.mha; prints each edge's mean abundance and CRLB and the time the fit took.

#include "ExampleOutput.h"

#include "itkCoreLossQuantificationFilter.h"
#include "itkImageFileReader.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace
{
using SpectrumType = itk::VectorImage<float, 2>;
using FilterType = itk::CoreLossQuantificationFilter<SpectrumType>;

int
Usage(const std::string & message)
{
  std::cerr << "AnalyticalEMQuantify: " << message
            << "\nusage: AnalyticalEMQuantify CORELOSS.mha OUTPUT_FOLDER [--lowloss LOWLOSS.mha] [--edges C:K,N:K,...]"
               " [--fitter ols|wls|ml] [--exponents 1,2,...] [--window FROM TO] [--exclude FROM TO]..."
               " [--nonnegative] [--convexity necessary|sufficient] [--model]\n";
  return EXIT_FAILURE;
}

std::vector<std::string>
Split(const std::string & text, char separator)
{
  std::vector<std::string> parts;
  std::stringstream        stream(text);
  for (std::string part; std::getline(stream, part, separator);)
  {
    parts.push_back(part);
  }
  return parts;
}
} // namespace

int
main(int argc, char * argv[])
{
  if (argc < 3)
  {
    return Usage("a core-loss file and an output folder are needed");
  }
  const std::string folder = argv[2];
  std::string       lowLossFile;
  bool              writeModel = false;
  auto              filter = FilterType::New();
  filter->SetEdges({ { "C", "K" }, { "N", "K" }, { "O", "K" }, { "Fe", "L" } });
  std::vector<std::pair<double, double>> excluded;
  for (int i = 3; i < argc; ++i)
  {
    const std::string option = argv[i];
    if (option == "--nonnegative" || option == "--model")
    {
      if (option == "--model")
        writeModel = true;
      else
        filter->SetEdgesNonNegative(true);
      continue;
    }
    const int values = (option == "--window" || option == "--exclude") ? 2 : 1;
    if (i + values >= argc)
    {
      return Usage("no value after " + option);
    }
    const std::string value = argv[++i];
    bool              ok = true;
    if (option == "--lowloss")
      lowLossFile = value;
    else if (option == "--edges")
    {
      std::vector<itk::QuantifiedEdge> edges;
      for (const std::string & item : Split(value, ','))
      {
        const auto parts = Split(item, ':');
        ok = ok && parts.size() == 2;
        if (ok)
          edges.push_back({ parts[0], parts[1] });
      }
      filter->SetEdges(edges);
    }
    else if (option == "--fitter")
    {
      ok = value == "ols" || value == "wls" || value == "ml";
      filter->SetFitter(value == "ols"   ? itk::QuantificationFitterEnum::OrdinaryLeastSquares
                        : value == "wls" ? itk::QuantificationFitterEnum::WeightedLeastSquares
                                         : itk::QuantificationFitterEnum::PoissonMaximumLikelihood);
    }
    else if (option == "--exponents")
    {
      std::vector<double> exponents;
      for (const std::string & item : Split(value, ','))
      {
        double r = 0.0;
        ok = ok && example::ParseNumber(item, r);
        exponents.push_back(r);
      }
      filter->SetBackgroundExponents(exponents);
    }
    else if (option == "--window" || option == "--exclude")
    {
      double from = 0.0, to = 0.0;
      ok = example::ParseNumber(value, from) && example::ParseNumber(argv[++i], to);
      if (option == "--window")
        filter->SetFitWindow(from, to);
      else
        excluded.emplace_back(from, to);
    }
    else if (option == "--convexity")
    {
      ok = value == "necessary" || value == "sufficient";
      filter->SetBackgroundConstraint(value == "necessary" ? itk::BackgroundConstraintEnum::Necessary
                                                           : itk::BackgroundConstraintEnum::Sufficient);
    }
    else
      ok = false;
    if (!ok)
    {
      return Usage("bad option or value: " + option + " " + value);
    }
  }
  filter->SetExcludedRanges(excluded);
  filter->SetComputeModel(writeModel);
  try
  {
    filter->SetInput(itk::ReadImage<SpectrumType>(argv[1]));
    if (!lowLossFile.empty())
    {
      filter->SetLowLoss(itk::ReadImage<SpectrumType>(lowLossFile));
    }
    const auto start = std::chrono::steady_clock::now();
    filter->Update();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!example::MakeFolder(folder))
    {
      return Usage("cannot create the folder " + folder);
    }
    const auto & edges = filter->GetEdges();
    for (unsigned int e = 0; e < edges.size(); ++e)
    {
      const std::string name = edges[e].Element + "_" + edges[e].Edge;
      example::WriteImageAndPreview(filter->GetAbundanceMap(e), folder, name + "_abundance");
      example::WriteImageAndPreview(filter->GetCRLBMap(e), folder, name + "_crlb");
      example::WriteImageAndPreview(filter->GetCompositionMap(e), folder, name + "_atpercent", 0.0, 100.0);
      const float * a = filter->GetAbundanceMap(e)->GetBufferPointer();
      const float * c = filter->GetCRLBMap(e)->GetBufferPointer();
      const size_t  pixels = filter->GetAbundanceMap(e)->GetBufferedRegion().GetNumberOfPixels();
      double        sum = 0.0, crlb = 0.0;
      size_t        valid = 0;
      for (size_t p = 0; p < pixels; ++p)
      {
        if (std::isfinite(a[p]))
        {
          sum += a[p];
          crlb += c[p];
          ++valid;
        }
      }
      std::cout << name << ": mean abundance " << sum / std::max<size_t>(valid, 1) << ", mean CRLB "
                << crlb / std::max<size_t>(valid, 1) << std::endl;
    }
    for (unsigned int k = 0; k < filter->GetBackgroundExponents().size(); ++k)
    {
      itk::WriteImage(filter->GetBackgroundMap(k), folder + "/background_" + std::to_string(k) + ".mha");
    }
    itk::WriteImage(filter->GetReducedChiSquareMap(), folder + "/chi2.mha");
    itk::WriteImage(filter->GetReducedDevianceMap(), folder + "/deviance.mha");
    itk::WriteImage(filter->GetInvalidMask(), folder + "/invalid_mask.mha");
    if (writeModel)
    {
      itk::WriteImage(filter->GetModel(), folder + "/model.mha");
      itk::WriteImage(filter->GetResidual(), folder + "/residual.mha");
    }
    std::cout << filter->GetNumberOfInvalidPixels() << " pixels could not be fitted; fit " << seconds
              << " s\nwritten to " << folder << std::endl;
  }
  catch (const itk::ExceptionObject & error)
  {
    std::string message = error.GetDescription();
    std::replace(message.begin(), message.end(), '\n', ' ');
    std::cerr << "AnalyticalEMQuantify: " << message << std::endl;
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
