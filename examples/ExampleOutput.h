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
#ifndef ExampleOutput_h
#define ExampleOutput_h

// Small helpers shared by the example programs: MetaImage + 8-bit PNG preview of an image, CSV
// of named columns, creating a folder, parsing a number.

#include "itkImage.h"
#include "itkImageFileWriter.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace example
{
/** A whole-string C-locale number ("2.5", "1e-6"); false for anything else. */
inline bool
ParseNumber(const std::string & text, double & value)
{
  char * end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end != text.c_str() && *end == '\0';
}

inline bool
MakeFolder(const std::string & folder)
{
  return mkdir(folder.c_str(), 0755) == 0 || errno == EEXIST;
}

/** Writes NAME.mha (float) and NAME.png scaled linearly from [low, high] to [0, 255]
 * (low = high = 0: the image's own range). */
template <typename TImage>
void
WriteImageAndPreview(const TImage * image, const std::string & folder, const std::string & name, double low = 0.0,
                     double high = 0.0)
{
  using PreviewType = itk::Image<unsigned char, TImage::ImageDimension>;
  itk::WriteImage(image, folder + "/" + name + ".mha");
  const size_t n = image->GetBufferedRegion().GetNumberOfPixels();
  const auto * values = image->GetBufferPointer();
  if (low == high)
  {
    low = *std::min_element(values, values + n);
    high = *std::max_element(values, values + n);
  }
  auto preview = PreviewType::New();
  preview->SetRegions(image->GetBufferedRegion());
  preview->Allocate();
  const double scale = high > low ? 255.0 / (high - low) : 0.0;
  for (size_t i = 0; i < n; ++i)
  {
    const double v = std::min(255.0, std::max(0.0, (values[i] - low) * scale));
    preview->GetBufferPointer()[i] = static_cast<unsigned char>(std::lround(v));
  }
  itk::WriteImage(preview, folder + "/" + name + ".png");
}

/** Writes columns of equal length with a header line. */
/** Pearson correlation of two arrays of n values. */
inline double
Pearson(const float * a, const float * b, size_t n)
{
  double ma = 0.0, mb = 0.0, ab = 0.0, aa = 0.0, bb = 0.0;
  for (size_t i = 0; i < n; ++i)
  {
    ma += a[i] / static_cast<double>(n);
    mb += b[i] / static_cast<double>(n);
  }
  for (size_t i = 0; i < n; ++i)
  {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) * (a[i] - ma);
    bb += (b[i] - mb) * (b[i] - mb);
  }
  return ab / std::sqrt(aa * bb);
}

inline void
WriteCsv(const std::string & path, const std::vector<std::string> & names, const std::vector<std::vector<double>> & columns)
{
  std::ofstream file(path);
  for (size_t c = 0; c < names.size(); ++c)
  {
    file << (c > 0 ? "," : "") << names[c];
  }
  file << "\n";
  const size_t rows = columns.empty() ? 0 : columns[0].size();
  file.precision(10);
  for (size_t r = 0; r < rows; ++r)
  {
    for (size_t c = 0; c < columns.size(); ++c)
    {
      file << (c > 0 ? "," : "") << columns[c][r];
    }
    file << "\n";
  }
}
} // namespace example

#endif
