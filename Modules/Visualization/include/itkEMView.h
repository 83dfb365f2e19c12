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
#ifndef itkEMView_h
#define itkEMView_h

#include "AnalyticalEMVisualizationExport.h"
#include "itkObject.h"
#include "itkEMMacro.h"
#include "itkObjectFactory.h"

#include <vtkSmartPointer.h>

#include <string>

class vtkCallbackCommand;
class vtkObject;
class vtkRenderWindow;
class vtkRenderWindowInteractor;

namespace itk
{
/** \class EMView
 * \brief Base of the project's VTK views: a render window of a given size that renders
 * off-screen to PNG or opens interactively.
 *
 * A subclass builds its renderers in BuildScene() (once per window) and brings them up to date
 * with its parameters in UpdateScene() (before every render). Key presses and left-button clicks
 * or drags reach OnKey() and OnClick(); tests send them to GetInteractor() as VTK events.
 *
 * Debian's VTK renders through X even off-screen, so a display is needed (Xvfb in tests):
 * without DISPLAY the view throws instead of letting VTK abort.
 *
 * \ingroup AnalyticalEMVisualization
 */
class AnalyticalEMVisualization_EXPORT EMView : public Object
{
public:
  ITK_DISALLOW_COPY_AND_MOVE(EMView);

  using Self = EMView;
  using Superclass = Object;
  using Pointer = SmartPointer<Self>;
  using ConstPointer = SmartPointer<const Self>;
  itkOverrideGetNameOfClassMacro(EMView);

  /** Window size in pixels (default 900 x 600). */
  void
  SetSize(unsigned int width, unsigned int height);
  itkGetConstMacro(Width, unsigned int);
  itkGetConstMacro(Height, unsigned int);
  itkSetStringMacro(WindowTitle);
  itkGetStringMacro(WindowTitle);

  /** Creates the window (off-screen or on screen) and its interactor, without an event loop.
   * Calling it again with the other mode makes a new window. */
  void
  Initialize(bool offScreen);
  /** Brings the scene up to date and renders it (off-screen unless Show() opened the window). */
  void
  Render();
  /** Renders off-screen at the view's size and writes a PNG (through a temporary file, so a
   * failure leaves no partial file). */
  void
  WriteScreenshot(const std::string & fileName);
  /** Opens the window on screen and runs the event loop until it is closed. */
  void
  Show();

  vtkRenderWindow *
  GetRenderWindow() const;
  vtkRenderWindowInteractor *
  GetInteractor() const;

  /** True when an X display is configured (the DISPLAY variable). */
  static bool
  DisplayAvailable();

protected:
  EMView();
  ~EMView() override;
  void
  PrintSelf(std::ostream & os, Indent indent) const override;

  virtual void
  BuildScene(vtkRenderWindow * window) = 0;
  virtual void
  UpdateScene() = 0;
  /** A key: its printable character as a one-letter string, else VTK's key symbol ("Up", ...). */
  virtual void
  OnKey(const std::string &)
  {}
  /** A left click or drag at display position (x, y), origin at the window's lower left. */
  virtual void
  OnClick(int, int)
  {}
  /** Renders again when a window exists (after an interaction). */
  void
  RenderIfInitialized();

private:
  static void
  HandleEvent(vtkObject * caller, unsigned long eventId, void * clientData, void * callData);

  unsigned int                               m_Width{ 900 };
  unsigned int                               m_Height{ 600 };
  std::string                                m_WindowTitle{ "ITKAnalyticalEM" };
  bool                                       m_OffScreen{ true };
  bool                                       m_ButtonDown{ false };
  vtkSmartPointer<vtkRenderWindow>           m_Window;
  vtkSmartPointer<vtkRenderWindowInteractor> m_Interactor;
  vtkSmartPointer<vtkCallbackCommand>        m_Callback;
};
} // end namespace itk

#endif
