/* The static player of the course's explorers (actcourse.player).
 *
 * One copy of this script sits at the end of every explorer's text/html output, inside the
 * explorer's <div>. It only switches between pictures computed in Python: it reads the
 * controls, builds the frame key (the controls' value indices joined with ".", "-" for a
 * control that does not apply) and shows that frame's SVG layers, alt text and caption.
 * Nothing is fetched: the frames are in the <script type="application/json"> before it.
 *
 * actcourse.player embeds this file with its comment lines and indentation removed, keeping
 * the line breaks, so the code must not depend on either (no multi-line strings).
 */
(function(root){
  var data=JSON.parse(root.querySelector('.afx-data').textContent);
  var svg=root.querySelector('.afx-figure'),cap=root.querySelector('.afx-caption');
  var box=root.querySelector('.afx-controls'),shown=null;
  function field(name){return root.querySelector('[data-name="'+name+'"]');}
  function update(){
    // The frame key; a control whose condition ("when") is false is hidden and counts as '-'.
    var key=data.controls.map(function(c){
      var on=!c.when||field(c.when[0]).value==String(c.when[1]);
      root.querySelector('[data-for="'+c.name+'"]').hidden=!on;
      if(!on)return '-';
      var el=field(c.name),text=c.readouts[+el.value];
      // A slider says its value in words, to the eye and to assistive technology.
      if(el.type=='range'){el.setAttribute('aria-valuetext',text);
        el.parentNode.parentNode.querySelector('.afx-value').textContent=text;}
      return el.value;}).join('.');
    if(key===shown)return;
    var f=data.frames[key];if(!f)return;shown=key;
    // A frame is [layer indices, caption, alt index]; each distinct layer is stored once.
    svg.innerHTML=f[0].map(function(i){return data.layers[i];}).join('');
    svg.setAttribute('aria-label',data.alts[f[2]]);cap.textContent=f[1];
    root.setAttribute('data-frame',key);}
  root.querySelectorAll('[data-name]').forEach(function(el){
    el.addEventListener('input',update);el.addEventListener('change',update);});
  // Without JavaScript the controls stay hidden and the default picture shows.
  box.hidden=false;update();
})(document.currentScript.parentNode);
