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
#ifndef itkCoreLossSimulator_h
#define itkCoreLossSimulator_h

#include "itkCoreLossSpectrumModel.h"
#include "itkEELSSeedPhantom.h"
#include "itkEMMacro.h"
#include "itkImageSource.h"
#include "itkMicroscopeParameters.h"
#include "itkMomentumTransferGrid.h"
#include "itkVectorImage.h"

#include <cstdint>
#include <string>
#include <vector>

namespace itk
{
/** \class CoreLossSimulator
 * \brief An image source of simulated core-loss and low-loss spectrum images (the seed workflow).
 *
 * Inputs: a t/lambda map (SetThicknessMap, the primary input, which fixes the geometry) and one
 * abundance map per element (SetAbundanceMap), all of one size. For each pixel the noiseless
 * spectra come from CoreLossSpectrumModel: a Gaussian zero-loss peak plus Drude plasmons for the
 * low loss, and background + low loss (x) sum_j a_j sigma_j for the core loss, with hydrogenic
 * cross sections of the elements and edges given (SetElements / SetEdges) or cross sections
 * given directly (SetCrossSections, on the core-loss axis). The core loss then gets Poisson noise,
 * counts = Poisson(NoiseScale M), from a random stream per pixel derived from Seed, so
 * the result is reproducible and independent of the number of threads; the low loss stays
 * noiseless.
 *
 * Drift (SimulatedDriftEnum): both spectra of pixel p are moved by s_p channels, channel k of the
 * moved spectrum holding channel k - s_p, and cropped to the channels every pixel has,
 * [max(0, max s), N + min(0, min s)). As in pyEELSMODEL, both axes are then labelled with
 * offset + min(s) dispersion; the channel shifts are output as the "DriftMap" image. (For the
 * seed's shifts in [-5, 5] this is pyEELSMODEL's [max s, N - max s] crop; unlike it, the crop is
 * not empty when no pixel moves.)
 *
 * Outputs: 0 the core-loss spectrum image, 1 the low-loss spectrum image (VectorImage, one
 * channel per component, with EnergyOffset, EnergyDispersion, microscope parameters and
 * SignalType = EELS in the metadata) and the named output DriftMap (Image<int, 2>).
 *
 * Defaults are the seed's: 200 eV + 0.5 eV x 2048 channels, 300 kV, alpha = 1e-6 mrad, beta =
 * 20 mrad, hydrogenic edges with 100 q steps and the reference constants, FWHM 1 eV, plasmons
 * 22 / 5 / 1 eV x 5, background ReferenceConvolvedPowerLaw with A = 1000, r = 3, noise on.
 * EELSSeedPhantom builds the seed's C, N, O, Fe abundance and t/lambda maps for any size.
 *
 * \ingroup AnalyticalEMEELSFilters
 */
template <typename TPixel = float>
class ITK_TEMPLATE_EXPORT CoreLossSimulator : public ImageSource<VectorImage<TPixel, 2>>
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(CoreLossSimulator);

  using Self = CoreLossSimulator;
  using Superclass = ImageSource<VectorImage<TPixel, 2>>;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;
  itkNewMacro(Self);
  itkOverrideGetNameOfClassMacro(CoreLossSimulator);

  using SpectrumImageType = VectorImage<TPixel, 2>;
  using MapImageType = Image<TPixel, 2>;
  using DriftImageType = Image<int, 2>;
  using DataObjectPointer = typename Superclass::DataObjectPointer;
  using DataObjectIdentifierType = typename Superclass::DataObjectIdentifierType;
  using DataObjectPointerArraySizeType = typename Superclass::DataObjectPointerArraySizeType;

  void
  SetThicknessMap(const MapImageType * thickness);
  const MapImageType *
  GetThicknessMap() const;

  /** Abundance of element \a index (counts per barn/eV). */
  void
  SetAbundanceMap(unsigned int index, const MapImageType * map);
  const MapImageType *
  GetAbundanceMap(unsigned int index) const;

  /** Channel shifts for SimulatedDriftEnum::DriftMap (same size as the maps). */
  void
  SetDriftMap(const DriftImageType * drift);
  const DriftImageType *
  GetDriftMap() const;

  /** Elements (symbols) and their edges (K or L), for hydrogenic cross sections. */
  void
  SetElements(const std::vector<std::string> & elements);
  itkGetConstReferenceMacro(Elements, std::vector<std::string>);
  void
  SetEdges(const std::vector<std::string> & edges);
  itkGetConstReferenceMacro(Edges, std::vector<std::string>);

  /** Cross sections (barn/eV) on the core-loss axis, one per element, used instead of the
   * hydrogenic ones when set; element names still label the maps if given. */
  void
  SetCrossSections(const std::vector<std::vector<double>> & crossSections);
  itkGetConstReferenceMacro(CrossSections, std::vector<std::vector<double>>);

  void
  SetEnergyAxis(const EnergyAxis & axis);
  itkGetConstReferenceMacro(EnergyAxis, EnergyAxis);
  void
  SetMicroscope(const MicroscopeParameters & microscope);
  itkGetConstReferenceMacro(Microscope, MicroscopeParameters);

  itkSetMacro(QSteps, unsigned int);
  itkGetConstMacro(QSteps, unsigned int);
  itkSetEnumMacro(Integration, MomentumIntegrationEnum);
  itkGetEnumMacro(Integration, MomentumIntegrationEnum);
  itkSetEnumMacro(Constants, EELSConstantsEnum);
  itkGetEnumMacro(Constants, EELSConstantsEnum);

  itkSetMacro(ZeroLossFWHM, double);
  itkGetConstMacro(ZeroLossFWHM, double);
  itkSetMacro(PlasmonEnergy, double);
  itkGetConstMacro(PlasmonEnergy, double);
  itkSetMacro(PlasmonWidth, double);
  itkGetConstMacro(PlasmonWidth, double);
  itkSetMacro(BandGapEnergy, double);
  itkGetConstMacro(BandGapEnergy, double);
  itkSetMacro(NumberOfPlasmons, unsigned int);
  itkGetConstMacro(NumberOfPlasmons, unsigned int);

  itkSetEnumMacro(Background, SimulatedBackgroundEnum);
  itkGetEnumMacro(Background, SimulatedBackgroundEnum);
  itkSetMacro(BackgroundAmplitude, double);
  itkGetConstMacro(BackgroundAmplitude, double);
  itkSetMacro(BackgroundExponent, double);
  itkGetConstMacro(BackgroundExponent, double);

  itkSetMacro(AddNoise, bool);
  itkGetConstMacro(AddNoise, bool);
  itkBooleanMacro(AddNoise);
  itkSetMacro(NoiseScale, double);
  itkGetConstMacro(NoiseScale, double);
  itkSetMacro(Seed, std::uint64_t);
  itkGetConstMacro(Seed, std::uint64_t);

  itkSetEnumMacro(Drift, SimulatedDriftEnum);
  itkGetEnumMacro(Drift, SimulatedDriftEnum);

  SpectrumImageType *
  GetCoreLossOutput()
  {
    return this->GetOutput(0);
  }
  SpectrumImageType *
  GetLowLossOutput()
  {
    return this->GetOutput(1);
  }
  DriftImageType *
  GetDriftMapOutput();

  /** The seed's sample (EELSSeedPhantom). */
  using SeedMaps = EELSSeedPhantom<MapImageType>;
  /** Thickness map, abundance maps, elements and edges from \a maps (SeedMaps::Make()). */
  void
  SetSeedMaps(const SeedMaps & maps);

  /** SetSeedMaps(SeedMaps::Make(xsize, ysize)). */
  void
  UseSeedMaps(SizeValueType xsize, SizeValueType ysize)
  {
    this->SetSeedMaps(SeedMaps::Make(xsize, ysize));
  }

  /** The channel shifts of SimulatedDriftEnum::SeedPattern (index x * ysize + y). */
  static std::vector<int>
  SeedDriftPattern(SizeValueType xsize, SizeValueType ysize, const EnergyAxis & lowLossAxis);

protected:
  CoreLossSimulator();
  ~CoreLossSimulator() override = default;

  using Superclass::MakeOutput;
  DataObjectPointer
  MakeOutput(const DataObjectIdentifierType & name) override;

  void
  GenerateOutputInformation() override;
  void
  EnlargeOutputRequestedRegion(DataObject * output) override;
  void
  GenerateData() override;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;

private:
  unsigned int
  GetNumberOfElements() const;
  CoreLossSpectrumModel::Settings
  ModelSettings() const;
  std::vector<std::vector<double>>
  ElementCrossSections() const;
  /** Shifts per pixel in ITK buffer order (x fastest). */
  std::vector<int>
  DriftPerPixel() const;
  void
  VerifyInputs() const;

  std::vector<std::string>         m_Elements;
  std::vector<std::string>         m_Edges;
  std::vector<std::vector<double>> m_CrossSections;
  EnergyAxis                       m_EnergyAxis{ 200.0, 0.5, 2048 };
  MicroscopeParameters             m_Microscope;
  unsigned int                     m_QSteps{ 100 };
  MomentumIntegrationEnum          m_Integration{ MomentumIntegrationEnum::Rectangle };
  EELSConstantsEnum                m_Constants{ EELSConstantsEnum::PyEELSModel };
  double                           m_ZeroLossFWHM{ 1.0 };
  double                           m_PlasmonEnergy{ 22.0 };
  double                           m_PlasmonWidth{ 5.0 };
  double                           m_BandGapEnergy{ 1.0 };
  unsigned int                     m_NumberOfPlasmons{ 5 };
  SimulatedBackgroundEnum          m_Background{ SimulatedBackgroundEnum::ReferenceConvolvedPowerLaw };
  double                           m_BackgroundAmplitude{ 1000.0 };
  double                           m_BackgroundExponent{ 3.0 };
  bool                             m_AddNoise{ true };
  double                           m_NoiseScale{ 1.0 };
  std::uint64_t                    m_Seed{ 12345 };
  SimulatedDriftEnum               m_Drift{ SimulatedDriftEnum::None };
};
} // end namespace itk

#ifndef ITK_MANUAL_INSTANTIATION
#  include "itkCoreLossSimulator.hxx"
#endif

#endif
